import lumaMappingText from '../../mappings/luma-products.mapping.json?raw';

/** Sample files served with the app (same origin: nothing leaves the machine). */
export const SAMPLE_SCHEMAS = [
  { id: 'luma', label: 'Luma Product Catalog', url: '/samples/luma/luma-product-catalog.schema.json' },
  { id: 'profile', label: 'Acme Loyalty Profile (271 fields)', url: '/samples/xdm/profile-person-contact-loyalty.schema.json' },
  { id: 'event', label: 'Acme Offline Purchases, ExperienceEvent (170 fields)', url: '/samples/xdm/experienceevent-commerce.schema.json' },
  { id: 'large', label: 'Acme Profile, large (1,307 fields)', url: '/samples/xdm/profile-large.schema.json' },
] as const;

export const LUMA = {
  csv: '/samples/luma/luma-products.csv',
  schema: '/samples/luma/luma-product-catalog.schema.json',
  /** The shipped mapping, bundled from mappings/ so there is one copy of it. */
  mapping: lumaMappingText,
};

export async function fetchText(url: string): Promise<string> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.text();
}

export async function fetchBlob(url: string): Promise<Blob> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.blob();
}
