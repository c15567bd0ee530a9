import { describe, expect, it } from 'vitest';
import { run, value } from '../../helpers/expr';

/**
 * object_to_map's three forms, with the inputs and results of the code samples in AEP's Data
 * Prep function reference (appendix "object_to_map", syntaxes 1 to 3), including the key
 * "City " with a trailing space that the sample has in two of its objects.
 */
const ADDRESSES = [
  { line1: '345 park ave', line2: 'bldg 2', City: 'san jose', State: 'CA', type: 'home' },
  { line1: '345 park ave', line2: 'bldg 2', 'City ': 'san jose', State: 'CA', type: 'work' },
  { line1: '345 park ave', line2: 'bldg 2', 'City ': 'san jose', State: 'CA', type: 'office' },
];

describe('object_to_map, as documented', () => {
  it('syntax 1: key and value pairs', () => {
    expect(value('object_to_map("firstName", "John", "lastName", "Doe")')).toEqual({ firstName: 'John', lastName: 'Doe' });
  });
  it('syntax 2: an object', () => {
    const address = { line1: '345 park ave', line2: 'bldg 2', City: 'san jose', State: 'CA', type: 'office' };
    expect(value('object_to_map(address)', { address })).toEqual(address);
  });
  it('syntax 3: an array of objects keyed by an attribute written without quotes, as the reference writes it', () => {
    const expected = { home: ADDRESSES[0], work: ADDRESSES[1], office: ADDRESSES[2] };
    expect(value('object_to_map(addresses,type)', { addresses: ADDRESSES })).toEqual(expected);
    expect(value('object_to_map(addresses, "type")', { addresses: ADDRESSES })).toEqual(expected);
    expect(value('array_to_map(addresses, type)', { addresses: ADDRESSES })).toEqual(expected);
  });
  it('reads a bare name that is a column as the column, and ${name} always as the column', () => {
    // The file has a column "kind" saying which attribute to key by.
    expect(value('object_to_map(addresses, kind)', { addresses: ADDRESSES, kind: 'State' })).toEqual({ CA: ADDRESSES[0] });
    expect(run('object_to_map(addresses, ${type})', { addresses: ADDRESSES }).error).toMatch(/no column "type"/);
  });
});
