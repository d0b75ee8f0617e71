#!/usr/bin/env bash
# Build the Linux reader folder and its tarball:
#   dist/gulagreader/                              (run dist/gulagreader/gulagreader)
#   dist/gulagreader-VERSION-linux-ARCH.tar.gz
# DIST and BUILD (absolute, or relative to the checkout) choose other output and work folders.
# Needs the development venv with the `packaging` extra (PyInstaller):
#   .venv/bin/pip install -e '.[packaging]'   (or: make package)
# Build on the oldest distribution you target: built on Debian 12 the bundle needs glibc 2.35 (its Python),
# and the PySide6 wheel never less than 2.34. The check below prints what this build needs.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
VERSION=$("$PYTHON" -c 'import gulagreader; print(gulagreader.__version__)')
ARCH=$(uname -m)
DIST=$(realpath -m "${DIST:-dist}")
BUILD=$(realpath -m "${BUILD:-build}")
STORE=$BUILD/package-store
NAME=gulagreader-$VERSION-linux-$ARCH

echo "== building the corpus store into $STORE"
rm -rf "$STORE" "$BUILD/package-home"
"$PYTHON" -m gulagreader --basedir "$BUILD/package-home" build --corpus corpus --out "$STORE"

echo "== freezing GulagReader $VERSION with PyInstaller"
GULAGREADER_PACKAGE_STORE="$STORE" "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$BUILD/pyinstaller" packaging/gulagreader.spec

BUNDLE=$DIST/gulagreader
echo "== desktop files, man page and completions into $BUNDLE/share"
install -D -m 644 resources/io.github.gulagreader.GulagReader.desktop \
    "$BUNDLE/share/applications/io.github.gulagreader.GulagReader.desktop"
install -D -m 644 resources/io.github.gulagreader.GulagReader.metainfo.xml \
    "$BUNDLE/share/metainfo/io.github.gulagreader.GulagReader.metainfo.xml"
(cd resources/icons && find hicolor -type f -print0) | while IFS= read -r -d '' icon; do
    install -D -m 644 "resources/icons/$icon" "$BUNDLE/share/icons/$icon"
done
install -D -m 644 resources/man/gulagreader.1 "$BUNDLE/share/man/man1/gulagreader.1"
install -D -m 644 resources/completions/gulagreader.bash "$BUNDLE/share/bash-completion/completions/gulagreader"
install -D -m 644 resources/completions/_gulagreader "$BUNDLE/share/zsh/site-functions/_gulagreader"
install -m 644 LICENSE CHANGELOG.md "$BUNDLE/"

echo "== checking the bundle"
fail=0
if find "$BUNDLE" -name '.tantivy-*.lock' | grep -q .; then
    echo "tantivy lock files in the bundle" >&2; fail=1
fi
for plugin in platforms/libqvnc.so generic/libqtuiotouchplugin.so; do
    if find "$BUNDLE" -path "*/$plugin" | grep -q .; then echo "network plugin in the bundle: $plugin" >&2; fail=1; fi
done
if command -v readelf >/dev/null; then
    while IFS= read -r -d '' lib; do
        if readelf -d "$lib" 2>/dev/null | grep -q 'NEEDED.*libQt6Network'; then
            echo "needs QtNetwork: $lib" >&2; fail=1
        fi
    done < <(find "$BUNDLE" -name '*.so*' -type f -print0)
fi
[ -f "$BUNDLE/_internal/gulagreader/store/manifest.json" ] || { echo "no prebuilt store in the bundle" >&2; fail=1; }
for dropped in _ssl.cpython libssl.so platforms/libqeglfs.so platforms/libqlinuxfb.so platformthemes/libqgtk3.so libgtk-3.so; do
    if find "$BUNDLE" -path "*$dropped*" | grep -q .; then echo "in the bundle, though left out: $dropped" >&2; fail=1; fi
done
if command -v objdump >/dev/null; then
    # the newest glibc symbol version any file of the bundle asks for: the oldest glibc it runs on
    glibc=$(find "$BUNDLE" -type f \( -name '*.so*' -o -perm -u+x \) -print0 | xargs -0 objdump -T 2>/dev/null |
        grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
    echo "== the bundle needs glibc ${glibc#GLIBC_} or later (objdump -T)"
fi
[ "$fail" = 0 ] || exit 1

echo "== packing $DIST/$NAME.tar.gz"
rm -f "$DIST/$NAME.tar.gz"
tar -C "$DIST" --owner=0 --group=0 --numeric-owner -czf "$DIST/$NAME.tar.gz" gulagreader
du -sh "$BUNDLE" "$DIST/$NAME.tar.gz"
