// A valid canvas of about `lines` lines, like the reference example repeated
// with names of its own: the large input of the keystroke budget.
export function largeCanvas(lines) {
  const out = ['# Generated for the playground\'s budget', 'canvas "Many Shops" {', '  currency EUR', '}', ''];
  for (let i = 0; out.length < lines; i += 1) {
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
      `relationship service-${i} {`,
      `  for buyers-${i}`,
      '  link transactional',
      '  goal acquisition',
      `  via shop-${i}`,
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
  return out.join('\n');
}
