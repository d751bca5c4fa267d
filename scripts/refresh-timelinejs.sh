#!/usr/bin/env bash
# Vendor TimelineJS3 from the npm registry into theme/static/vendor/timelinejs/.
#
#   scripts/refresh-timelinejs.sh [VERSION]      (default: the version in the VERSION file)
#
# Fetches @knight-lab/timelinejs@VERSION with `npm pack` (nothing is installed), then copies only
# what the site uses out of dist/: the script, its stylesheet, the icon font (woff2, woff, ttf:
# the stylesheet's @font-face is rewritten to name just these) and the licence texts. English is built into
# timeline.js; the Serbian locales (Latin and Cyrillic) are vendored from the release (LOCALES).
# TimelineJS ships no Albanian locale: the project's own, theme/static/timelinejs-locale/sq.json,
# lives outside the vendored folder, so a refresh keeps it.
# Review the diff and commit it; the site never fetches TimelineJS at run time.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/theme/static/vendor/timelinejs"
VERSION="${1:-$(cat "$DEST/VERSION" 2>/dev/null || echo 3.9.11)}"
LOCALES="${LOCALES:-sr sr-cy}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@knight-lab/timelinejs@$VERSION" >/dev/null)
tar -xzf "$work"/knight-lab-timelinejs-*.tgz -C "$work"
dist="$work/package/dist"
[ -f "$dist/js/timeline.js" ] || { echo "no dist/js/timeline.js in $VERSION" >&2; exit 1; }

rm -rf "$DEST"
mkdir -p "$DEST/js" "$DEST/css/icons"
cp "$dist/js/timeline.js" "$dist/js/timeline.js.LICENSE.txt" "$DEST/js/"
cp "$dist/css/timeline.css" "$DEST/css/"
cp "$dist/css/icons/tl-icons.ttf" "$dist/css/icons/tl-icons.woff2" "$dist/css/icons/tl-icons.woff" \
  "$DEST/css/icons/"
cp "$work/package/LICENSE" "$DEST/LICENSE"
for lang in $LOCALES; do
  mkdir -p "$DEST/js/locale"
  cp "$dist/js/locale/$lang.json" "$DEST/js/locale/"
done
# The sourcemap comment would make browsers' developer tools ask for a file we do not ship.
sed -i -e '/^\/\/# sourceMappingURL=/d' "$DEST/js/timeline.js"
sed -i -e 's#/\*\# sourceMappingURL=[^*]*\*/##' "$DEST/css/timeline.css"
# The icon font's @font-face also names .eot and .svg files, which no current browser uses and
# which are not vendored: name only the three formats that are (woff2 first, the smallest).
sed -i -e '/src: url(..\/js\/..\/css\/icons\/tl-icons.eot);/d' \
  -e "s#src: url(../js/../css/icons/tl-icons.eot?\#iefix).*#src: url(../js/../css/icons/tl-icons.woff2) format('woff2'), url(../js/../css/icons/tl-icons.woff) format('woff'), url(../js/../css/icons/tl-icons.ttf) format('truetype');#" \
  "$DEST/css/timeline.css"
grep -q 'tl-icons\.\(eot\|svg\)' "$DEST/css/timeline.css" && { echo "timeline.css still names .eot/.svg icons" >&2; exit 1; }
echo "$VERSION" > "$DEST/VERSION"
echo "vendored @knight-lab/timelinejs $VERSION into ${DEST#"$ROOT"/} ($(du -sh "$DEST" | cut -f1))"
