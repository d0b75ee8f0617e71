"""The Qt-free core: corpus, store and search services returning plain dataclasses."""
