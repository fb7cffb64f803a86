/** A text as a message shows it: JSON-quoted (escapes and all), and shortened when long. */
export function quote(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return JSON.stringify(short);
}
