/** One CSV line's fields: commas separate, double quotes enclose a field with commas, `""` is a quote inside one. */
export function csvFields(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q === -1) {
          value += line.slice(i);
          i = line.length;
          break;
        }
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      const comma = line.indexOf(',', i);
      out.push(value + (comma === -1 ? line.slice(i) : line.slice(i, comma)));
      i = comma === -1 ? line.length + 1 : comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      out.push(comma === -1 ? line.slice(i) : line.slice(i, comma));
      i = comma === -1 ? line.length + 1 : comma + 1;
    }
  }
  return out;
}
