// Makes the Luma loyalty and CRM samples from Adobe's tutorial files beside this script:
//   node public/samples/luma/make-samples.mjs
// - luma-loyalty.csv, luma-crm.csv: each JSON record as one CSV row, the columns a CRM or loyalty
//   export names them; null or missing values as empty cells; text exactly as in the JSON (the
//   decomposed characters stay decomposed); RFC 4180 quoting where a value needs it; LF line ends.
// - luma-loyalty.schema.json, luma-crm.schema.json: the tutorial's Luma Loyalty and Luma CRM
//   schemas, derived from ../xdm/profile-person-contact-loyalty.schema.json (XDM Individual Profile
//   with the Demographic Details, Personal Contact Details and Loyalty Details field groups): the
//   tenant object renamed to _techmarketingdemos (the tutorial's "Luma Identity profile field
//   group": systemIdentifier.loyaltyId and .crmId, strings), the class's identityMap added from
//   ../xdm/profile-large.schema.json (same class), and the identity descriptors of the lessons.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const read = (p) => JSON.parse(readFileSync(join(here, p), 'utf8'));

const cell = (v) => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
};
const get = (o, path) => path.split('.').reduce((x, k) => (x == null ? undefined : x[k]), o);
function csv(records, columns) {
  const lines = [columns.map(([name]) => cell(name)).join(',')];
  for (const r of records) lines.push(columns.map(([, path]) => cell(get(r, path))).join(','));
  return `${lines.join('\n')}\n`;
}

const loyalty = read('luma-loyalty.json');
const crm = read('luma-crm.json');
writeFileSync(
  join(here, 'luma-loyalty.csv'),
  csv(loyalty, [
    ['loyaltyId', '_techmarketingdemos.systemIdentifier.loyaltyId'],
    ['crmId', '_techmarketingdemos.systemIdentifier.crmId'],
    ['points', 'loyalty.points'],
    ['tier', 'loyalty.tier'],
    ['joinDate', 'loyalty.joinDate'],
    ['firstName', 'person.name.firstName'],
    ['lastName', 'person.name.lastName'],
    ['city', 'homeAddress.city'],
  ]),
);
writeFileSync(
  join(here, 'luma-crm.csv'),
  csv(crm, [
    ['crmId', '_techmarketingdemos.systemIdentifier.crmId'],
    ['firstName', 'person.name.firstName'],
    ['lastName', 'person.name.lastName'],
    ['gender', 'person.gender'],
    ['email', 'personalEmail.address'],
    ['phone', 'mobilePhone.number'],
    ['city', 'homeAddress.city'],
  ]),
);

const base = read('../xdm/profile-person-contact-loyalty.schema.json');
const identityMap = read('../xdm/profile-large.schema.json').properties.identityMap;
function schema(title, slug, description, descriptors) {
  const s = structuredClone(base);
  const props = {};
  for (const k of Object.keys(s.properties).sort()) if (k !== '_acme') props[k] = s.properties[k];
  props.identityMap = identityMap;
  const sorted = {};
  for (const k of Object.keys(props).sort()) sorted[k] = props[k];
  const tenant = structuredClone(base.properties._acme);
  const ids = tenant.properties.systemIdentifier;
  ids.description = 'Identifiers of this person in Luma source systems.';
  ids.properties.loyaltyId.description = 'Luma loyalty programme member ID.';
  ids.properties.crmId.description = 'Luma CRM customer ID.';
  const id = `https://ns.adobe.com/techmarketingdemos/schemas/${slug}`;
  return {
    $id: id,
    'meta:altId': `_techmarketingdemos.schemas.${slug}`,
    'meta:resourceType': 'schemas',
    version: '1.0',
    title,
    type: 'object',
    description,
    properties: { _techmarketingdemos: tenant, ...sorted },
    'meta:extensible': false,
    'meta:abstract': false,
    'meta:extends': base['meta:extends'].map((e) => (e.includes('/acme/') ? 'https://ns.adobe.com/techmarketingdemos/mixins/luma-identity-profile' : e)),
    'meta:xdmType': 'object',
    'meta:class': base['meta:class'],
    'meta:tenantNamespace': '_techmarketingdemos',
    'meta:descriptors': descriptors.map(([field, namespace, primary]) => ({
      '@type': 'xdm:descriptorIdentity',
      'xdm:sourceSchema': id,
      'xdm:sourceVersion': 1,
      'xdm:sourceProperty': `/_techmarketingdemos/systemIdentifier/${field}`,
      'xdm:namespace': namespace,
      'xdm:property': 'xdm:code',
      'xdm:isPrimary': primary,
    })),
    'meta:source': `${base['meta:source']}; made by public/samples/luma/make-samples.mjs`,
    'meta:license': [
      ...base['meta:license'],
      `Changed for the Luma tutorial: title, $id, tenant _techmarketingdemos instead of _acme, identityMap of the XDM Individual Profile class, identity descriptors of the tutorial's lessons.`,
    ],
  };
}
const write = (name, doc) => writeFileSync(join(here, name), `${JSON.stringify(doc, null, 2)}\n`);
write(
  'luma-loyalty.schema.json',
  schema('Luma Loyalty Schema', 'luma-loyalty', "The Luma tutorial's loyalty members: XDM Individual Profile with demographic, contact and loyalty details.", [
    ['loyaltyId', 'lumaLoyaltyId', true],
    ['crmId', 'lumaCrmId', false],
  ]),
);
write(
  'luma-crm.schema.json',
  schema('Luma CRM Schema', 'luma-crm', "The Luma tutorial's CRM customers: XDM Individual Profile with demographic and contact details.", [['crmId', 'lumaCrmId', true]]),
);
