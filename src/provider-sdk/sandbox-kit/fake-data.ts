import type { Rng } from './random';

/**
 * Realistic, varied people and companies for seeding sandbox accounts: unicode names, several
 * emails, missing phones, shared companies. Every sandbox draws from here so the data looks alike.
 */
const FIRST = ['Ada', 'Björn', 'Chloé', 'Dmitri', 'Eun-ji', 'Fatima', 'Giulia', 'Hiroshi', 'Ingrid', 'José', 'Kwame', 'Léa',
  'Mateo', 'Nadia', 'Oğuz', 'Priya', 'Quentin', 'Rūta', 'Søren', 'Thandiwe', 'Uma', 'Václav', 'Wei', 'Xóchitl', 'Yusuf', 'Zoë',
  'Mary', 'John', 'Linda', 'Ahmed', 'Renée', 'Zoltán'];
const LAST = ['Lovelace', 'Øvergaard', 'Dubois', 'Ivanov', 'Kim', 'Al-Sayed', 'Rossi', 'Tanaka', 'Johansson', 'García', 'Mensah',
  'Moreau', 'Fernández', 'Haddad', 'Yılmaz', 'Patel', 'Lefèvre', 'Kazlauskaitė', 'Nørgaard', 'Dlamini', 'Iyer', 'Dvořák',
  'Zhang', 'Hernández', 'Öztürk', "O'Brien", 'Smith', 'Müller', 'Nguyễn', 'Kowalski', 'Schröder', 'Lindqvist'];
const COMPANIES = ['Acme Corp', 'Globex', 'Initech', 'Umbrella Labs', 'Stark Industries', 'Wayne Enterprises', 'Hooli',
  'Pied Piper', 'Vandelay Import/Export', 'Soylent & Co', 'Müller GmbH', 'Société Générale des Tests', 'Tyrell',
  'Cyberdyne', 'Nakatomi Trading', 'Oceanic Air', 'Massive Dynamic', 'Aperture Science', 'Blue Sun', 'Kōhai KK'];
const TITLES = ['CEO', 'CTO', 'VP Sales', 'Head of Operations', 'Office Manager', 'Practice Owner', 'Account Executive',
  'Marketing Lead', 'Founder', null];
const DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example.com'];

export interface FakeCompany { name: string; domain: string }
export interface FakePerson {
  firstName: string;
  lastName: string;
  /** First one is the primary email; some people have two or three. */
  emails: string[];
  phone: string | null;
  mobile: string | null;
  company: FakeCompany | null;
  title: string | null;
}
export interface FakeOwner { index: number; firstName: string; lastName: string; email: string }

const ascii = (s: string): string =>
  s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ø/gi, 'o').replace(/ı/g, 'i').replace(/[^a-zA-Z0-9]/g, '').toLowerCase();

export function fakeCompanies(rng: Rng, count: number): FakeCompany[] {
  return Array.from({ length: count }, (_, i) => {
    const name = i < COMPANIES.length ? COMPANIES[i] : `${rng.pick(COMPANIES)} ${i}`;
    return { name, domain: `${ascii(name)}.example.com` };
  });
}

/** `index` makes every email unique within an account. */
export function fakePerson(rng: Rng, index: number, companies: FakeCompany[]): FakePerson {
  const firstName = rng.pick(FIRST);
  const lastName = rng.pick(LAST);
  const company = rng.chance(0.85) ? rng.pick(companies) : null;
  const local = `${ascii(firstName)}.${ascii(lastName)}${index}`;
  const primary = `${local}@${company ? company.domain : rng.pick(DOMAINS)}`;
  const emails = [primary];
  if (rng.chance(0.2)) emails.push(`${local}@${rng.pick(DOMAINS)}`);
  if (rng.chance(0.05)) emails.push(`${ascii(firstName)}${index}@personal.example.net`);
  const phone = rng.chance(0.7) ? `+1 555 ${String(rng.int(100, 999))} ${String(rng.int(1000, 9999))}` : null;
  const mobile = rng.chance(0.3) ? `+44 7700 ${String(rng.int(100000, 999999))}` : null;
  return { firstName, lastName, emails, phone, mobile, company, title: rng.pick(TITLES) };
}

export function fakeOwners(rng: Rng, count: number): FakeOwner[] {
  return Array.from({ length: count }, (_, index) => {
    const firstName = rng.pick(FIRST);
    const lastName = rng.pick(LAST);
    return { index, firstName, lastName, email: `${ascii(firstName)}.${ascii(lastName)}.owner${index}@sales.example.com` };
  });
}

/** Seeded timestamps sit in a fixed window so a restart (on any day) yields the same records. */
export const SEED_EPOCH_MS = Date.UTC(2026, 0, 1);
export const SEED_HORIZON_MS = Date.UTC(2027, 11, 31);

export function fakeTime(rng: Rng, fromMs = SEED_EPOCH_MS, toMs = SEED_HORIZON_MS): Date {
  const t = fromMs + Math.floor(rng.next() * (toMs - fromMs));
  return new Date(t - (t % 60000));
}
