#!/usr/bin/env bash
# An AppImage recipe over the onedir build (packaging/build.sh).
#
# WHAT WAS TRIED: assembling the AppDir (this script up to appimagetool) and running
# AppDir/AppRun --self-test and a search from it, on Debian 12 x86_64.
# NOT TRIED: appimagetool itself (it is downloaded from the AppImage project, which cannot be
# fetched here), the resulting .AppImage, FUSE-less systems (--appimage-extract-and-run),
# desktop integration tools (appimaged, Gear Lever).
#
#   packaging/build.sh                                     # dist/gulagreader/
#   packaging/appimage/build-appimage.sh                   # build/AppDir, then dist/GulagReader-VERSION-ARCH.AppImage
#   APPIMAGETOOL=/path/to/appimagetool packaging/appimage/build-appimage.sh
#
# The AppImage mounts read-only: the reader copies its index to the user's cache on first run
# (see README, 'Packaged installs').
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-.venv/bin/python}
VERSION=$("$PYTHON" -c 'import gulagreader; print(gulagreader.__version__)')
ARCH=$(uname -m)
DIST=$(realpath -m "${DIST:-dist}")
APPDIR=$(realpath -m "${BUILD:-build}")/AppDir
ID=io.github.gulagreader.GulagReader

[ -x "$DIST/gulagreader/gulagreader" ] || { echo "run packaging/build.sh first" >&2; exit 1; }
rm -rf "$APPDIR"
mkdir -p "$APPDIR/usr/lib"
cp -a "$DIST/gulagreader" "$APPDIR/usr/lib/gulagreader"
rm -rf "$APPDIR/usr/lib/gulagreader/share"
cp -a "$DIST/gulagreader/share" "$APPDIR/usr/share"
install -m 755 packaging/appimage/AppRun "$APPDIR/AppRun"
cp "$APPDIR/usr/share/applications/$ID.desktop" "$APPDIR/$ID.desktop"
cp "$APPDIR/usr/share/icons/hicolor/256x256/apps/$ID.png" "$APPDIR/$ID.png"
ln -sf "$ID.png" "$APPDIR/.DirIcon"
find "$APPDIR" -name ".tantivy-*.lock" -delete
echo "AppDir ready: $APPDIR (try: $APPDIR/AppRun --self-test)"

TOOL=${APPIMAGETOOL:-$(command -v appimagetool || true)}
if [ -z "$TOOL" ]; then
    echo "appimagetool not found: set APPIMAGETOOL to make the .AppImage" >&2
    exit 0
fi
ARCH=$ARCH "$TOOL" "$APPDIR" "$DIST/GulagReader-$VERSION-$ARCH.AppImage"
