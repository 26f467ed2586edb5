#!/usr/bin/env bash
# Installs what powerbook's tests and builds need from Debian, idempotently (skips what is present):
# Chromium (Mermaid rendering, PDF, HTML tests), LibreOffice + UNO (DOCX checks, PDF), LibreOffice Calc (the exported
# lists), pandoc, poppler-utils,
# CJK fonts (Noto CJK), DejaVu Sans (the ⚠ of flowchart PNGs) and the Fandol fonts (free 仿宋/黑体/楷体/宋体 covering GB2312), registered under the
# official Chinese font names with a fontconfig alias.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
# Calc: the tests open the exported lists (xlsx, csv) with it; Debian ships it apart from Writer.
[ -e /usr/lib/libreoffice/program/libsclo.so ] || need+=(libreoffice-calc-nogui)
python3 -c 'import uno' 2>/dev/null || /usr/bin/python3 -c 'import uno' 2>/dev/null || need+=(python3-uno)
command -v pandoc >/dev/null || need+=(pandoc)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v unzip >/dev/null || need+=(unzip)
command -v fc-list >/dev/null || need+=(fontconfig)
/usr/bin/python3 -c 'import fontTools' 2>/dev/null || need+=(python3-fonttools)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
FANDOL=/usr/local/share/fonts/fandol
if [ ! -f "$FANDOL/FandolFang-Regular.otf" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download texlive-lang-chinese >/dev/null 2>&1 || { $SUDO apt-get update -qq && apt-get download texlive-lang-chinese >/dev/null; })
  dpkg -x "$tmp"/texlive-lang-chinese_*.deb "$tmp/x"
  $SUDO mkdir -p "$FANDOL"
  $SUDO cp "$tmp"/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/*.otf "$FANDOL/"
  rm -rf "$tmp"
fi
# Fandol as TrueType: Chromium embeds CFF fonts (the .otf) as unnamed Type 3 fonts in a PDF, TrueType as named
# CID TrueType subsets. Converted once (about a minute of CPU per font); the .otf files stay for the DOCX layout.
FANDOL_TTF=/usr/local/share/fonts/fandol-ttf
if [ ! -f "$FANDOL_TTF/FandolSong-Bold.ttf" ]; then
  $SUDO mkdir -p "$FANDOL_TTF"
  for f in FandolFang-Regular FandolHei-Regular FandolHei-Bold FandolKai-Regular FandolSong-Regular FandolSong-Bold; do
    [ -f "$FANDOL_TTF/$f.ttf" ] || $SUDO /usr/bin/python3 "$(dirname "$0")/otf2ttf.py" "$FANDOL_TTF" "$FANDOL/$f.otf"
  done
fi
REJECT=/etc/fonts/conf.d/59-powerbook-fandol-truetype.conf
if [ ! -f "$REJECT" ]; then
  $SUDO tee "$REJECT" >/dev/null <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<!-- powerbook: serve Fandol from its TrueType conversion (named subsets in PDFs), not from the CFF .otf files. -->
<fontconfig>
  <selectfont><rejectfont><glob>/usr/local/share/fonts/fandol/*.otf</glob></rejectfont></selectfont>
</fontconfig>
XML
fi
CONF=/etc/fonts/conf.d/60-powerbook-official-names.conf
if [ ! -f "$CONF" ]; then
  $SUDO tee "$CONF" >/dev/null <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<!-- powerbook: official Chinese font names (GB/T 9704) served by free substitutes. -->
<fontconfig>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>FandolFang</family></prefer></alias>
  <alias binding="same"><family>仿宋</family><prefer><family>FandolFang</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>FandolHei</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>FandolKai</family></prefer></alias>
  <alias binding="same"><family>楷体</family><prefer><family>FandolKai</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>FandolSong</family></prefer></alias>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
</fontconfig>
XML
fi
fc-cache -f >/dev/null 2>&1 || true
