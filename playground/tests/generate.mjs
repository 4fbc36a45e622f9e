// A canvas of about `lines` lines without errors, like the reference example
// repeated with names of its own: the large input of the keystroke budget.
export function largeCanvas(lines) {
  const out = ['# Generated for the playground\'s budget', 'canvas "Many Shops" {', '  currency EUR', '}', ''];
  // A relationship's name is its type, so one relationship serves every segment.
  let i = 0;
  for (; out.length < lines - 8; i += 1) {
    out.push(
      `segment buyers-${i} "Buyers ${i}" {`,
      '  type niche',
      '  need "affordable products"',
      '  expects self-service',
      `  size ${1000 + i}`,
      '}',
      '',
      `proposition cheap-${i} "Low prices ${i}" {`,
      `  for buyers-${i}`,
      '  meets "affordable products"',
      '  kind price',
      '}',
      '',
      `channel shop-${i} "Shop ${i}" {`,
      '  owner own',
      '  type direct',
      '  mode online',
      `  reaches buyers-${i}`,
      '  phase awareness',
      '  phase evaluation',
      '  phase purchase',
      '  phase delivery',
      '  phase after-sales',
      '  cost 100 EUR per month',
      '}',
      '',
      `revenue sales-${i} "Sales ${i}" {`,
      `  from buyers-${i}`,
      '  type asset-sale',
      '  pricing list-price',
      '  price 12 EUR per customer per month',
      '}',
      '',
    );
  }
  const segments = Array.from({ length: i }, (_, n) => `buyers-${n}`);
  out.push(
    'relationship self-service {',
    `  for ${segments.join(', ')}`,
    '  link transactional',
    '  goal acquisition, retention',
    '  via shop-0',
    '}',
    '',
  );
  return out.join('\n');
}
