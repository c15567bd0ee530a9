import { describe, expect, it } from 'vitest';
import { ALL_FUNCTIONS } from '../../../src/core/expr/functions/index';
import { run, value } from '../../helpers/expr';

/** The examples of AEP's function reference, with the outputs it documents. */
const DOCUMENTED: [string, unknown][] = [
  ['concat("Hi, ", "there", "!")', 'Hi, there!'],
  ['instr("adobe.com", "com")', 6],
  ['replacestr("This is a string re test", "re", "replace")', 'This is a string replace test'],
  ['substr("This is a substring test", 7, 8)', ' a subst'],
  ['lower("HeLLo")', 'hello'],
  ['lcase("HeLLo")', 'hello'],
  ['upper("HeLLo")', 'HELLO'],
  ['ucase("HeLLo")', 'HELLO'],
  ['split("Hello world", " ")', ['Hello', 'world']],
  ['join(" ", to_array(true, "Hello", "world"))', 'Hello world'],
  ['lpad("bat", 8, "yz")', 'yzyzybat'],
  ['rpad("bat", 8, "yz")', 'batyzyzy'],
  ['left("abcde", 2)', 'ab'],
  ['right("abcde", 2)', 'de'],
  ['ltrim(" hello")', 'hello'],
  ['rtrim("hello ")', 'hello'],
  ['trim(" hello ")', 'hello'],
  ['"string1".equals("STRING1")', false],
  ['"string1".equalsIgnoreCase("STRING1")', true],
  ['extract_regex("E259,E259B_009,1_1", "([^,]+),[^,]*,([^,]+)")', ['E259,E259B_009,1_1', 'E259', '1_1']],
  ['matches_regex("E259,E259B_009,1_1", "([^,]+),[^,]*,([^,]+)")', true],
  ['sha1("my text", "UTF-8")', 'c3599c11e47719df18a2448690840c5dfcce3c80'],
  ['sha256("my text", "UTF-8")', '7330d2b39ca35eaf4cb95fc846c21ee6a39af698154a83a586ee270a0d372104'],
  [
    'sha512("my text", "UTF-8")',
    'a3d7e45a0d9be5fd4e4b9a3b8c9c2163c21ef708bf11b4232bb21d2a8704ada2cdcd7b367dd0788a89a5c908cfe377aceb1072a7b386b7d4fd2ff68a8fd24d16',
  ],
  ['md5("my text", "UTF-8")', 'd3b96ce8c9fb4e9bd0198d03ba6852c7'],
  ['crc32("my text", "UTF-8")', '8df92e80'],
  ['get_url_protocol("https://platform.adobe.com/home")', 'https'],
  ['get_url_host("https://platform.adobe.com/home")', 'platform.adobe.com'],
  ['get_url_port("sftp://example.com//home/joe/employee.csv")', 22],
  ['get_url_path("sftp://example.com//home/joe/employee.csv")', '//home/joe/employee.csv'],
  ['get_url_query_str("foo://example.com:8042/over/there?name=ferret#nose", "retain")', { name: 'ferret#nose' }],
  ['get_url_query_str("foo://example.com:8042/over/there?name=ferret#nose", "remove")', { name: 'ferret' }],
  ['get_url_query_str("foo://example.com:8042/over/there?name=ferret#nose", "append")', { name: 'ferret', _anchor_: 'nose' }],
  ['get_url_encoded("https://example.com/partneralliance_asia-pacific_2022")', 'https%3A%2F%2Fexample.com%2Fpartneralliance_asia-pacific_2022'],
  ['get_url_decoded("https%3A%2F%2Fexample.com%2Fpartneralliance_asia-pacific_2022")', 'https://example.com/partneralliance_asia-pacific_2022'],
  ['now()', '2021-10-26T10:10:24Z'],
  ['dformat(1571829875000, "yyyy-MM-dd\'T\'HH:mm:ss.SSSX")', '2019-10-23T11:24:35.000Z'],
  ['date("2019-10-23 11:24", "yyyy-MM-dd HH:mm", now())', '2019-10-23T11:24:00Z'],
  ['date("2019-10-23 11:24", "yyyy-MM-dd HH:mm")', '2019-10-23T11:24:00Z'],
  ['date("2019-10-23 11:24")', '2019-10-23T11:24:00Z'],
  ['date_part("MM", date("2019-10-17 11:55:12"))', 10],
  ['set_date_part("m", 4, date("2016-11-09T11:44:44.797"))', '2016-04-09T11:44:44Z'],
  ['make_date_time(2019, 10, 17, 11, 55, 12, 999, "America/Los_Angeles")', '2019-10-17T11:55:12Z'],
  ['zone_date_to_utc(2019-10-17T11:55:12 PST)', '2019-10-17T19:55:12Z'],
  ['is_empty([1, null, 2, 3])', false],
  [
    "arrays_to_objects('sku', explode(\"id1|id2\", '\\\\|'), 'price', [22.5,14.35])",
    [
      { sku: 'id1', price: 22.5 },
      { sku: 'id2', price: 14.35 },
    ],
  ],
  ['to_object("firstName", "John", "lastName", "Doe")', { firstName: 'John', lastName: 'Doe' }],
  ['str_to_object("firstName=John,lastName=Doe,phone=123 456 7890", "=", ",")', { firstName: 'John', lastName: 'Doe', phone: '123 456 7890' }],
  ['str_to_object("firstName - John ; lastName - ; phone - 123 456 7890", "-", ";").get("firstName")', 'John'],
  ['nullify()', null],
  ['get_keys({"book1": "Pride and Prejudice", "book2": "1984"})', ['book1', 'book2']],
  ['get_values("firstName - John , lastName - Cena , phone - 555 420 8692", "firstName", "-", ",")', 'John'],
  ['coalesce(null, null, null, "first", null, "second")', 'first'],
  ['first("1", "2", "3")', '1'],
  ['last("1", "2", "3")', '3'],
  ["add_to_array(['a', 'b'], 'c', 'd')", ['a', 'b', 'c', 'd']],
  ["join_arrays(['a', 'b'], ['c'], ['d', 'e'])", ['a', 'b', 'c', 'd', 'e']],
  ['to_array(false, 1, null, 2, 3)', [1, 2, 3]],
  ['size_of([1, 2, 3, 4])', 4],
  ['upsert_array_append([123, 456])', [123, 456]],
  ['decode("ca", "ca", "California", "pa", "Pennsylvania", "N/A")', 'California'],
  ['decode("pa", "ca", "California", "pa", "Pennsylvania", "N/A")', 'Pennsylvania'],
  ['decode("ny", "ca", "California", "pa", "Pennsylvania", "N/A")', 'N/A'],
  ['iif("s".equalsIgnoreCase("S"), "True", "False")', 'True'],
  ['min(3, 1, 4)', 1],
  ['max(3, 1, 4)', 4],
  ['to_bigint("1000000.34")', 1000000.34],
  ['to_decimal("20.5")', 20.5],
  ['to_integer("12")', 12],
  ['json_to_object({"info":{"firstName":"John","lastName": "Doe"}})', { info: { firstName: 'John', lastName: 'Doe' } }],
];

const BOOK = JSON.stringify({ author: 'George R. R. Martin', price: 17.99, ISBN: 'ISBN-978-0553801477' });
const BOOK2 = JSON.stringify({ author: 'Neil Gaiman', price: 17.99, ISBN: 'ISBN-0-380-97365-0', publisher: 'William Morrow' });
const ADDRESSES = JSON.stringify([
  { line1: '345 park ave', type: 'home' },
  { line1: '345 park ave', type: 'work' },
]);

/** The map, export-array and Analytics functions of AEP's newer reference, with its examples. */
const DOCUMENTED_NEWER: [string, Record<string, unknown>, unknown][] = [
  ['map_get_values(book_details, "author")', { book_details: BOOK }, { author: 'George R. R. Martin' }],
  ['map_has_keys(book_details, "author")', { book_details: BOOK }, true],
  [
    'add_to_map(book_details, book_details2)',
    { book_details: BOOK, book_details2: BOOK2 },
    { author: 'George R. R. Martin', price: 17.99, ISBN: 'ISBN-978-0553801477', publisher: 'William Morrow' },
  ],
  ['object_to_map("firstName", "John", "lastName", "Doe")', {}, { firstName: 'John', lastName: 'Doe' }],
  ['to_map("firstName", "John", "lastName", "Doe")', {}, { firstName: 'John', lastName: 'Doe' }],
  [
    'array_to_map(addresses, "type")',
    { addresses: ADDRESSES },
    { home: { line1: '345 park ave', type: 'home' }, work: { line1: '345 park ave', type: 'work' } },
  ],
  [
    'object_to_map(addresses, "type")',
    { addresses: ADDRESSES },
    { home: { line1: '345 park ave', type: 'home' }, work: { line1: '345 park ave', type: 'work' } },
  ],
  ['array_to_string(";", ["Hello", "world"])', {}, 'Hello;world'],
  ['filterArray([5, -6, 0, 7], x -> x > 0)', {}, [5, 7]],
  ['transformArray([5, 6, 7], x -> x + 1)', {}, [6, 7, 8]],
  ["flattenArray([['a', 'b'], ['c', 'd']], [['e'], ['f']])", {}, ['a', 'b', 'c', 'd', 'e', 'f']],
  ['aa_get_event_id("event101=5:123456,scOpen", "event101")', {}, '123456'],
  ['aa_get_event_value("event101=5:123456,scOpen", "event101")', {}, 5],
  ['aa_get_product_categories(";Example product 1;1;3.50,Example category 2;Example product 2;1;5.99")', {}, [null, 'Example category 2']],
  ['aa_get_product_names(";Example product 1;1;3.50,Example category 2;Example product 2;1;5.99")', {}, ['Example product 1', 'Example product 2']],
  ['aa_get_product_quantity(";Example product 1;1;3.50,Example category 2;Example product 2")', {}, ['1', null]],
  ['aa_get_product_price(";Example product 1;1;3.50,Example category 2;Example product 2")', {}, ['3.50', null]],
  ['aa_get_product_event_values(";Example product 1;1;4.20;event1=2.3|event2=5:1,;Example product 2;1;4.20;event1=3|event2=2:2", "event1")', {}, ['2.3', '3']],
  ['aa_get_product_evars(";Example product;1;6.69;;eVar1=Merchandising value", "eVar1")', {}, ['Merchandising value']],
];

describe("AEP's newer documented examples: maps, export arrays, Analytics", () => {
  it.each(DOCUMENTED_NEWER)('%s', (src, row, want) => {
    const withObjects = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, JSON.parse(v as string)]));
    expect(value(src, withObjects)).toEqual(want);
  });

  it('keeps lambdas to the functions that take them', () => {
    expect(run('concat(x -> x)').error).toMatch(/lambda .* can only be an argument of filterArray or transformArray/);
    expect(value('filterArray(explode(a, ","), s -> s.startsWith("b"))', { a: 'apple,banana,blueberry' })).toEqual(['banana', 'blueberry']);
    expect(value('transformArray([1, 2], n -> transformArray([10], m -> m + n))')).toEqual([[11], [12]]);
  });
});

describe("AEP's documented examples", () => {
  it.each(DOCUMENTED)('%s', (src, want) => {
    expect(value(src)).toEqual(want);
  });
});

describe('every function, beyond the documented example', () => {
  it('has a description, parameters, and at least one test below', () => {
    for (const f of ALL_FUNCTIONS) {
      expect(f.description.length, f.name).toBeGreaterThan(10);
      expect(Array.isArray(f.params)).toBe(true);
    }
  });

  it('strings', () => {
    expect(value('concat(a, " ", b)', { a: 'Ada', b: '' })).toBe('Ada ');
    expect(value('concat(a, b)', { a: '', b: '' })).toBeNull();
    expect(value('explode("a,b,,c,,")')).toEqual(['a', 'b', '', 'c']);
    expect(value('explode("a1b22c", "[0-9]+")')).toEqual(['a', 'b', 'c']);
    expect(value('instr("banana", "an", 2)')).toBe(3);
    expect(value('instr("banana", "an", 0, 2)')).toBe(3);
    expect(value('instr("banana", "x")')).toBe(-1);
    // The empty text: found at every position, the end again and again, for any OCCURRENCE
    // (a loop over a huge one never ended: found by the expression fuzz test).
    for (const [from, n] of [
      [0, 1],
      [0, 4],
      [0, 7],
      [2, 1],
      [2, 3],
      [9, 1],
      [-3, 2],
    ] as [number, number][])
      expect([from, n, value(`instr("abc", "", ${from}, ${n})`)]).toEqual([from, n, Math.min(Math.max(from, 0) + n - 1, 3)]);
    expect(value('instr("abc", "", 0, 5.5e131)')).toBe(3);
    expect(value('substr("abc", 1, 10)')).toBe('bc');
    expect(value('split("a, b;c", ",; ")')).toEqual(['a', 'b', 'c']);
    expect(value('join("-", ["a", null, "c"])')).toBe('a--c');
    expect(value('lpad("12345", 3, "0")')).toBe('12345');
    expect(value('lpad("7", 3, "")')).toBe('  7');
    expect(value('lpad(x, 3, "0")', { x: '' })).toBeNull();
    expect(value('right("ab", 5)')).toBe('ab');
    expect(value('upper(x)', { x: '' })).toBeNull();
    expect(value('equals(a, b)', { a: 'x', b: 'x' })).toBe(true);
  });

  it('regex', () => {
    expect(value('extract_regex("abc", "(x)")')).toBeNull();
    expect(value('matches_regex("abc123", "[a-z]+")')).toBe(false);
    expect(value('matches_regex("abc", "[a-z]+")')).toBe(true);
  });

  it('hashing, with charsets', () => {
    expect(value('sha256("my text")')).toBe('7330d2b39ca35eaf4cb95fc846c21ee6a39af698154a83a586ee270a0d372104');
    expect(value('md5("é", "UTF-8")')).not.toBe(value('md5("é", "ISO-8859-1")'));
    expect(value('sha1("é", "US-ASCII")')).toBe(value('sha1("?", "US-ASCII")'));
    expect(value('sha256(x)', { x: '' })).toBeNull();
    expect(run('sha256("a", "EBCDIC")').error).toMatch(/unknown character set/);
    expect(value('crc32("")')).toBe('00000000');
  });

  it('URLs', () => {
    expect(value('get_url_port("https://example.com/x")')).toBe(443);
    expect(value('get_url_port("http://example.com:8080/x")')).toBe(8080);
    expect(value('get_url_host("not a url")')).toBeNull();
    expect(value('get_url_path("https://example.com/a/b/file.csv", false)')).toBe('file.csv');
    expect(value('get_url_query_str("https://x.com/p?a=1&b=2", "remove")')).toEqual({ a: '1', b: '2' });
    expect(value('get_url_encoded("a b&c=é*~")')).toBe('a%20b%26c%3D%C3%A9%2A%7E');
    expect(value('get_url_decoded("a+b%26c%3D%C3%A9")')).toBe('a b&c=é');
  });

  it('dates', () => {
    expect(value('timestamp()')).toBe(Date.UTC(2021, 9, 26, 10, 10, 24));
    expect(value('format(date("2024-03-05 14:07", "yyyy-MM-dd HH:mm"), "dd/MM/yy hh:mm a EEE")')).toBe('05/03/24 02:07 PM Tue');
    expect(value('date(x, "dd/MM/yyyy")', { x: '31/12/2020' })).toBe('2020-12-31T00:00:00Z');
    expect(value('date(x, "yyyy-MM-dd", "2000-01-01")', { x: '' })).toBe('2000-01-01T00:00:00Z');
    expect(run('date("31/12/2020", "yyyy-MM-dd")').error).toMatch(/does not match the date format/);
    expect(value('date_part("quarter", date("2019-10-17"))')).toBe(4);
    expect(value('date_part("dayofyear", date("2019-02-01"))')).toBe(32);
    expect(value('date_part("weekday", date("2024-03-03"))')).toBe(1);
    expect(value('date_part("hh12", date("2024-03-03 15:00:00", "yyyy-MM-dd HH:mm:ss"))')).toBe(3);
    expect(value('set_date_part("year", 2030, date("2024-03-03"))')).toBe('2030-03-03T00:00:00Z');
    expect(run('set_date_part("month", 13, date("2024-03-03"))').error).toMatch(/not a valid month/);
    expect(value('zone_date_to_zone(date("2024-07-01T12:00:00Z"), "Europe/Paris")')).toBe('2024-07-01T14:00:00Z');
    expect(value('format(zone_date_to_zone(date("2024-01-01T12:00:00Z"), "Europe/Paris"), "HH:mm XXX")')).toBe('13:00 +01:00');
    expect(run('zone_date_to_zone(now(), "Mars/Olympus")').error).toMatch(/unknown time zone/);
  });

  it('aliases', () => {
    expect(value('make_timestamp(2024, 1, 2, 3, 4, 5, 0, "UTC")')).toBe('2024-01-02T03:04:05Z');
    expect(value('arrays_to_object("a", [1, 2])')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(value('is_set("email")', { email: 'x@y.z' })).toBe(true);
  });

  it('objects and arrays', () => {
    expect(value('is_empty(x)', { x: '' })).toBe(true);
    expect(value('is_empty({})')).toBe(true);
    expect(value('contains_key("email")', { email: 'a@b.co' })).toBe(true);
    expect(value('contains_key("email")', { email: '' })).toBe(false);
    expect(value('contains_key("phone")', { email: 'x' })).toBe(false);
    expect(value('first(["x", "y"])')).toBe('x');
    expect(value('coalesce(a, b, "none")', { a: '', b: '' })).toBe('none');
    expect(value('size_of("abc")')).toBe(3);
    expect(value('size_of({"a": 1})')).toBe(1);
    expect(value('to_array(true, 1, null)')).toEqual([1, null]);
    expect(value('upsert_array_replace([1, 2], 1)')).toEqual([1, 2]);
    expect(run('to_object("a")').error).toMatch(/key and value pairs/);
  });

  it('logic, aggregation and conversion', () => {
    expect(value('decode("x", "a", 1)')).toBeNull();
    expect(value('iif(x == "yes", 1, 0)', { x: 'no' })).toBe(0);
    expect(value('min("b", "a")')).toBe('a');
    expect(value('max(date("2020-01-01"), date("2021-01-01"))')).toBe('2021-01-01T00:00:00Z');
    expect(value('to_float("12.3456")')).toBe(12.3456);
    expect(run('to_integer("1.5")').error).toMatch(/whole number/);
    expect(run('to_integer("3000000000")').error).toMatch(/integer range/);
    expect(run('to_decimal("abc")').error).toMatch(/must be a number/);
    expect(value('to_integer(x)', { x: '' })).toBeNull();
    expect(value('json_to_object("[1, {\\"a\\": true}]")')).toEqual([1, { a: true }]);
    expect(run('json_to_object("{oops")').error).toMatch(/not valid JSON/);
  });

  it('uuid and guid', () => {
    expect(value('uuid()')).toMatch(/^[0-9a-f-]{36}$/);
    expect(value('guid()')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
