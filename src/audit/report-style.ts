/**
 * The report's one stylesheet. On screen the matrix is a grid of marks under sticky headers, each mark's detail shown
 * on hover and on keyboard focus; in print the screen grid is replaced by column slices that fit a landscape page,
 * their headers repeated on every page.
 */
export const REPORT_STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 0 auto; padding: 1.5rem; max-width: 1400px; color: #111; }
h1 { font-size: 1.45rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin-top: 2.2rem; border-bottom: 2px solid #ddd; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.4rem 0 .3rem; }
.sub { color: #444; margin: 0 0 1rem; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: .92em; overflow-wrap: anywhere; }
table.facts, table.list { border-collapse: collapse; margin: .4rem 0; }
table.facts th { text-align: left; padding: 2px 12px 2px 0; vertical-align: top; color: #333; font-weight: 600; }
table.facts td { padding: 2px 0; }
table.list th, table.list td { border-bottom: 1px solid #e3e3e3; padding: 4px 8px; text-align: left; vertical-align: top; }
table.list thead th { background: #f4f4f4; }
.ok { color: #166534; font-weight: 600; } .bad { color: #991b1b; font-weight: 600; } .warn { color: #92400e; font-weight: 600; }
.tag { display: inline-block; padding: 0 5px; border-radius: 3px; font-size: .82em; margin-left: 4px; }
.tag.expiring { background: #fef3c7; color: #78350f; } .tag.exception { background: #fee2e2; color: #7f1d1d; } .tag.expired { background: #e5e7eb; color: #374151; }
.wide { overflow-x: auto; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
.legend span.key { display: inline-block; min-width: 1.4em; text-align: center; border: 1px solid #ccc; margin: 0 4px 0 12px; }
.scroll { overflow: auto; max-height: 85vh; border: 1px solid #ccc; position: relative; }
table.matrix { border-collapse: separate; border-spacing: 0; }
table.matrix th, table.matrix td { border-right: 1px solid #e7e7e7; border-bottom: 1px solid #e7e7e7; font-size: 12px; }
table.matrix thead th { position: sticky; top: 0; z-index: 3; background: #f4f4f4; vertical-align: bottom; padding: 4px 0; }
table.matrix thead th .v { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; display: inline-block; }
table.matrix tbody th { position: sticky; left: 0; z-index: 2; background: #f4f4f4; text-align: left; white-space: nowrap; padding: 0 6px; font-weight: 500; }
table.matrix thead th.corner { left: 0; z-index: 4; text-align: left; padding: 4px 6px; font-weight: 500; }
table.matrix td { width: 26px; min-width: 26px; max-width: 26px; height: 22px; text-align: center; color: #aaa; position: relative; padding: 0; }
table.matrix td.allow { background: #dcfce7; color: #14532d; font-weight: 600; }
table.matrix td.monitored { background: #fde68a; color: #78350f; }
table.matrix td.same-segment { background: #fef9c3; color: #713f12; } table.matrix td.isolated { background: #e5e7eb; color: #111; }
table.matrix td.unrouted { background: #f3f4f6; color: #666; }
table.matrix .medical { color: #7f1d1d; }
table.matrix td:focus { outline: 2px solid #1d4ed8; outline-offset: -2px; }
table.matrix td .detail { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
table.matrix td:hover .detail, table.matrix td:focus .detail, table.matrix td:focus-within .detail {
  clip: auto; clip-path: none; width: 20rem; height: auto; overflow: visible; white-space: normal; z-index: 5; top: 100%; left: 0;
  background: #fff; color: #111; font-weight: 400; text-align: left; border: 1px solid #888; padding: 6px 8px; box-shadow: 0 2px 8px rgba(0,0,0,.25);
}
table.matrix td.end:hover .detail, table.matrix td.end:focus .detail { left: auto; right: 0; }
.print-only { display: none; }
.signoff td { padding: 14px 24px 2px 0; } .signoff .line { display: inline-block; min-width: 16rem; border-bottom: 1px solid #333; }
@media (max-width: 600px) { body { padding: .6rem; } table.list { font-size: 12px; } }
@media print {
  @page { size: landscape; margin: 10mm; }
  body { max-width: none; padding: 0; font-size: 9pt; }
  .screen-only { display: none !important; }
  .print-only { display: block; }
  h2 { break-after: avoid; } h3 { break-after: avoid; }
  table.list tr, table.slice tr { break-inside: avoid; }
  thead { display: table-header-group; }
  section.matrix-print { break-before: page; }
  table.slice { border-collapse: collapse; table-layout: fixed; width: 100%; margin: 0 0 6mm; break-inside: auto; }
  table.slice caption { text-align: left; font-weight: 600; padding-bottom: 2mm; }
  table.slice th, table.slice td { border: 0.5pt solid #bbb; padding: 1pt 2pt; font-size: 7pt; vertical-align: top; overflow-wrap: anywhere; }
  table.slice thead th { white-space: nowrap; overflow-wrap: normal; background: #eee; text-align: left; }
  table.slice tbody th { white-space: nowrap; overflow-wrap: normal; text-align: left; font-weight: 500; }
  table.slice td.allow { background: #dcfce7; }
  .scroll, .wide { overflow: visible; max-height: none; border: 0; }
}
`;
