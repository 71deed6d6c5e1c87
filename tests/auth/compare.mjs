// Puts clerk-edge's results next to the oracle's: every case must agree, except documented
// differences (`differs`/`edgeOnly`), where clerk-edge's `expect`ed answer is asserted instead.

const pick = (r, keys) => Object.fromEntries(keys.map((k) => [k, r?.[k]]));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** → { agree, documented, total, failures: string[], notes: string[] } */
export function compare(cases, ours, theirs) {
  let agree = 0, documented = 0;
  const failures = [], notes = [];
  cases.forEach((c, i) => {
    const expect = c.expect && c.kind === "verify" ? { reason: undefined, ...c.expect } : c.expect;
    const mine = ours[i];
    const keys = expect ? Object.keys(expect) : Object.keys(mine);
    const shown = pick(mine, keys);
    if (expect && !same(shown, pick(expect, keys))) {
      failures.push(`${c.name}: clerk-edge ${JSON.stringify(shown)}, expected ${JSON.stringify(expect)}`);
      return;
    }
    const cmpKeys = c.kind === "webhook" ? ["ok", "type"] : keys;
    const other = theirs[i];
    const agreeHere = other != null && same(pick(mine, cmpKeys), pick(other, cmpKeys));
    if (c.differs || c.edgeOnly) {
      if (agreeHere) notes.push(`documented difference no longer differs: ${c.name}`);
      documented++;
      agree++;
      notes.push(`~ ${c.name}: clerk-edge ${JSON.stringify(shown)}, incumbent ${JSON.stringify(other && pick(other, cmpKeys))} (${c.differs ?? c.edgeOnly})`);
    } else if (agreeHere) {
      agree++;
    } else {
      failures.push(`${c.name}: clerk-edge ${JSON.stringify(pick(mine, cmpKeys))}, incumbent ${JSON.stringify(pick(other, cmpKeys))}`);
    }
  });
  return { agree, documented, total: cases.length, failures, notes };
}

/** `N/N cases agree (M documented differences)` and the properties line. */
export function summary(cmp, props) {
  const held = props.filter((p) => p[1]).length;
  return [`${cmp.agree}/${cmp.total} cases agree (${cmp.documented} documented differences)`, `${held}/${props.length} clerk-edge properties hold`];
}

export function propertyFailures(props) {
  return props.filter((p) => !p[1]).map(([name, , detail]) => `property: ${name} (${detail})`);
}
