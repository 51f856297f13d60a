#!/usr/bin/env bash
# Renders every chart SafeZones draws, with the real `safezones` commands on the shipped
# knowledge base and examples/, so that a person can look at them after changing a chart.
#
#   scripts/render-samples.sh OUTDIR
#
# Writes into OUTDIR (created if missing):
#   map.svg                 safezones map --out
#   map-uncertainty.svg     safezones map --uncertainty --out (90% ellipses, P(safe zone))
#   map-as-of.svg           safezones map --as-of 2021-06-01 --trajectories all --out
#   map-trajectories.svg    safezones map --trajectories all --out (the map today, with history)
#   graph.svg               safezones graph --out (links between domains)
#   tornado-quantum-encryption.svg, tornado-artificial-intelligence.svg
#                           safezones sensitivity DOMAIN --out (a domain judged with
#                           certainty, and one with ranges)
#   simulation/{fan,survival,frontier}.svg
#                           safezones simulate examples/portfolio.yaml --out-dir
#   assess.svg              safezones assess examples/my-domains.yaml --out (your domains
#                           among the shipped ones)
#   assess-uncertainty.svg  the same with --samples: ellipses for your ranges
# and, when rsvg-convert is installed (Debian: librsvg2-bin), a PNG beside each SVG. The
# charts measure text with Helvetica's widths: install a font with the same widths (Debian:
# fonts-liberation) or the PNGs show text running over where the SVGs in a browser do not.
#
# The binary is SAFEZONES_BIN when set, else the debug build of this checkout, brought up
# to date first with `swift build --product safezones`. Seeds are fixed, so two runs write
# the same files. These samples are for looking at; the tests check the charts.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
out=$1
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bin=${SAFEZONES_BIN:-}
if [ -z "$bin" ]; then
  swift build --product safezones >&2
  bin="$(swift build --show-bin-path)/safezones"
fi
if [ ! -x "$bin" ]; then
  echo "$0: no safezones binary at $bin" >&2
  exit 1
fi

mkdir -p "$out/simulation"
run() {
  echo "+ safezones $*" >&2
  "$bin" "$@" > /dev/null
}

run map --out "$out/map.svg"
run map --uncertainty --seed 1 --out "$out/map-uncertainty.svg"
run map --as-of 2021-06-01 --trajectories all --out "$out/map-as-of.svg"
run map --trajectories all --out "$out/map-trajectories.svg"
run graph --out "$out/graph.svg"
run sensitivity quantum-encryption --seed 1 --out "$out/tornado-quantum-encryption.svg"
run sensitivity artificial-intelligence --seed 1 --out "$out/tornado-artificial-intelligence.svg"
run simulate examples/portfolio.yaml --seed 1 --out-dir "$out/simulation"
run assess examples/my-domains.yaml --out "$out/assess.svg"
run assess examples/my-domains.yaml --samples 4000 --seed 1 --out "$out/assess-uncertainty.svg"

if command -v rsvg-convert > /dev/null; then
  find "$out" -name '*.svg' | sort | while read -r svg; do
    rsvg-convert --format png --output "${svg%.svg}.png" "$svg"
  done
  echo "wrote SVG and PNG files to $out" >&2
else
  echo "wrote SVG files to $out (install rsvg-convert, from librsvg2-bin, for PNGs)" >&2
fi
