#!/usr/bin/env bash
# Install the Debian packages the project needs, only when they are missing:
#   chromium        browser tests (driven by Playwright), screenshots
#   libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core   WeasyPrint (PDFs)
#   fonts-dejavu-extra   the italic DejaVu faces the PDFs use (quotes, titles of sources)
#   poppler-utils   pdftotext/pdftoppm, to read PDFs back in tests
#   default-jre-headless  Java for the Nu Html Checker (vnu-jar from npm) in the site checks
#   npm             installs the site checks' tools (vnu-jar, axe-core) from package-lock.json
#   pandoc          checks that content/bibliography.bib parses with a standard tool (tests)
# On other systems install the equivalents by hand (see README.md).
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || missing+=(libpangoft2-1.0-0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf ] || missing+=(fonts-dejavu-extra)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v pandoc >/dev/null 2>&1 || missing+=(pandoc)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "missing system packages: ${missing[*]} (install them with your package manager; see README.md)" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "installing Debian packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
