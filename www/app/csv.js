// CSV export: RFC 4180 quoting, and cells that a spreadsheet would run as a formula (starting
// with = + - @, a tab or a carriage return) prefixed with ' and quoted (OWASP's advice against
// CSV injection: a user's name is attacker-controlled). So phone numbers read "'+1555...".

const FORMULA = /^[=+\-@\t\r]/;

function cell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `columns`: [[header, row => value]]; returns the CSV text, CRLF line ends, header first. */
export function toCsv(rows, columns) {
  const lines = [columns.map(([header]) => cell(header)).join(",")];
  for (const row of rows) lines.push(columns.map(([, get]) => cell(get(row))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** Offers `text` as a download named `fileName`. */
export function download(text, fileName, type = "text/csv;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement("a"), { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
