import { isbot } from 'isbot';
import UAParser from 'ua-parser-js';
import { str, type Value } from '../values';
import type { FnSpec } from './types';

/**
 * Data Prep's user-agent functions. The user agent is parsed by ua-parser-js (its 1.x line: the
 * 2.x line is AGPL-licensed); robots are recognised by isbot. Where the library's names differ
 * from the values AEP documents, they are mapped onto AEP's: its reference answers "Safari"
 * (not "Mobile Safari") and "Phone" (not "mobile") for an iPhone, and its device-field table
 * lists the device classes (Desktop, Phone, Tablet, Watch, TV, Robot, …).
 */

/** What one user agent reads as, in AEP's terms; null where the user agent does not say. */
export interface UserAgentReading {
  osName: string | null;
  osVersion: string | null;
  agentName: string | null;
  agentVersion: string | null;
  agentMajor: string | null;
  deviceClass: DeviceClass;
}

/** The device classes of AEP's device-field values. */
export type DeviceClass =
  | 'Desktop'
  | 'Anonymized'
  | 'Unknown'
  | 'Mobile'
  | 'Tablet'
  | 'Phone'
  | 'Watch'
  | 'Augmented Reality'
  | 'Virtual Reality'
  | 'eReader'
  | 'Set-top box'
  | 'TV'
  | 'Home Appliance'
  | 'Game Console'
  | 'Handheld Game Console'
  | 'Voice'
  | 'Car'
  | 'Robot'
  | 'Robot Mobile'
  | 'Robot Imitator'
  | 'Cloud'
  | 'Hacker';

/** Agent names the library spells differently from AEP (the device is told by ua_device_class). */
export const AGENT_NAMES: ReadonlyMap<string, string> = new Map([
  ['Mobile Safari', 'Safari'],
  ['Mobile Firefox', 'Firefox'],
  ['IE', 'Internet Explorer'],
  ['IEMobile', 'Internet Explorer'],
  ['Samsung Internet', 'Samsung Internet'],
]);

/** Operating systems of desktop and laptop computers: a user agent naming one and no device is a Desktop. */
const DESKTOP_OS =
  /^(windows|mac os|macos|linux|ubuntu|debian|fedora|red hat|suse|mint|arch|gentoo|centos|chromium os|chrome os|freebsd|openbsd|netbsd|solaris|unix|haiku|beos|os\/2)/i;
/** Scripts or injection probes in place of a user agent (AEP's "Hacker"). */
const HACKER = /<\s*script|javascript:|\$\{jndi:|<\?php|\bunion\s+select\b|\bselect\s.+\sfrom\s/i;
const HANDHELD_CONSOLES = /^(switch|3ds|dsi?|psp|playstation (vita|portable)|shield)$/i;

/** ua-parser-js's device type (and vendor, model) as an AEP device class. */
function deviceClassOf(ua: string, r: UAParser.IResult): DeviceClass {
  const { type, vendor, model } = r.device;
  const m = model ?? '';
  switch (type) {
    case 'mobile':
      return 'Phone';
    case 'tablet':
      return vendor === 'Kindle' ? 'eReader' : 'Tablet';
    case 'smarttv':
      return /chromecast|apple ?tv|fire ?tv|roku|shield|mibox|nexus player/i.test(`${vendor ?? ''} ${m} ${ua}`) ? 'Set-top box' : 'TV';
    case 'console':
      return HANDHELD_CONSOLES.test(m) ? 'Handheld Game Console' : 'Game Console';
    case 'wearable':
      if (/quest|pico|vive|oculus/i.test(m)) return 'Virtual Reality';
      if (/glass/i.test(m)) return 'Augmented Reality';
      return 'Watch';
    case 'embedded':
      if (vendor === 'Tesla') return 'Car';
      if (/homepod|aeobc|echo/i.test(m)) return 'Voice';
      return 'Unknown';
    default:
      if (r.os.name && DESKTOP_OS.test(r.os.name)) return 'Desktop';
      if (/\bmobile\b/i.test(ua)) return 'Mobile';
      return 'Unknown';
  }
}

const cache = new Map<string, UserAgentReading>();
/** User agents repeat across rows; the readings of the most recent ones are kept. */
const CACHE_SIZE = 2048;

/** Reads a user agent string the way AEP's user-agent functions report it. */
export function readUserAgent(ua: string): UserAgentReading {
  const hit = cache.get(ua);
  if (hit) return hit;
  const reading = read(ua);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(ua, reading);
  return reading;
}

function read(ua: string): UserAgentReading {
  const r = new UAParser(ua).getResult();
  const agentName = r.browser.name ? (AGENT_NAMES.get(r.browser.name) ?? r.browser.name) : null;
  let deviceClass: DeviceClass;
  if (ua.trim() === '') deviceClass = 'Unknown';
  else if (HACKER.test(ua)) deviceClass = 'Hacker';
  // isbot also counts clients that name no browser at all (curl, scripts, libraries) as robots.
  else if (isbot(ua)) deviceClass = /\bmobile\b/i.test(ua) ? 'Robot Mobile' : 'Robot';
  else deviceClass = deviceClassOf(ua, r);
  return {
    osName: r.os.name ?? null,
    osVersion: r.os.version ?? null,
    agentName,
    agentVersion: r.browser.version ?? null,
    agentMajor: r.browser.major ?? null,
    deviceClass,
  };
}

const major = (version: string | null): string | null => (version === null ? null : (/^\d+/.exec(version)?.[0] ?? version));
const joined = (name: string | null, version: string | null): string | null => (name === null ? null : version === null ? name : `${name} ${version}`);

function uaFunction(name: string, description: string, pick: (r: UserAgentReading) => string | null): FnSpec {
  return {
    name,
    family: 'useragent',
    params: ['USER_AGENT'],
    description,
    call: ([ua]): Value => {
      const s = str(ua!, 'USER_AGENT');
      return s === null ? null : pick(readUserAgent(s));
    },
  };
}

export const USER_AGENT_FUNCTIONS: FnSpec[] = [
  uaFunction('ua_os_name', 'The operating system named by a user agent: "iOS".', (r) => r.osName),
  uaFunction('ua_os_version_major', 'The operating system and its major version: "iOS 5".', (r) => joined(r.osName, major(r.osVersion))),
  uaFunction('ua_os_version', 'The operating system\'s version: "5.1.1".', (r) => r.osVersion),
  uaFunction('ua_os_name_version', 'The operating system and its version: "iOS 5.1.1".', (r) => joined(r.osName, r.osVersion)),
  uaFunction('ua_agent_version', 'The browser\'s (agent\'s) version: "5.1".', (r) => r.agentVersion),
  uaFunction('ua_agent_version_major', 'The agent and its major version: "Safari 5".', (r) => joined(r.agentName, r.agentMajor)),
  uaFunction('ua_agent_name', 'The browser (agent): "Safari".', (r) => r.agentName),
  uaFunction('ua_device_class', "The kind of device: Desktop, Phone, Tablet, Watch, TV, Game Console, Robot, … (AEP's device classes).", (r) => r.deviceClass),
];
