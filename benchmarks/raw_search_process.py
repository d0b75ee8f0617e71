"""The raw reference for a search process: open a plain tantivy index, print the top 10 with snippets as JSON.

    python benchmarks/raw_search_process.py INDEX_DIR QUERY...

What a minimal search tool on tantivy-py does, and no more: the index of benchlib.plain_schema().
"""

import json
import sys

import tantivy

index = tantivy.Index.open(sys.argv[1])
searcher = index.searcher()
query = index.parse_query(" ".join(sys.argv[2:]), ["text"], conjunction_by_default=True)
found = searcher.search(query, 10)
snippets = tantivy.SnippetGenerator.create(searcher, query, index.schema, "text")
hits = []
for score, address in found.hits:
    doc = searcher.doc(address)
    hits.append(
        {
            "id": doc.get_first("id"),
            "source": doc.get_first("source"),
            "score": score,
            "snippet": snippets.snippet_from_doc(doc).to_html(),
        }
    )
print(json.dumps({"query": " ".join(sys.argv[2:]), "hits": hits}, ensure_ascii=False, indent=1))
