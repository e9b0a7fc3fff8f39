import nock from 'nock';
import { liveAdapterContext, type LiveHarness } from '../../../test/helpers/adapter-harness';
import { exchanges, fixture, recordsOf } from '../fixtures/load';
import { toUnifiedContact } from '../mappers/contact.mapper';
import type { SfContact } from '../mappers/wire';
import { contacts } from './contacts.adapter';
import { expectExchanges, HOST } from '../fixtures/nock';

describe('salesforce contacts adapter (nock, real host)', () => {
  let h: LiveHarness;
  beforeAll(async () => {
    nock.disableNetConnect();
    h = await liveAdapterContext('salesforce', { metadata: { instance_url: HOST } });
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => { await h.close(); nock.enableNetConnect(); nock.restore(); });

  it('list: SOQL ordered by Id, batchSize 200, then the rest of the batch, then nextRecordsUrl', async () => {
    const list = fixture('contacts-list');
    const scope = expectExchanges([list, list, fixture('contacts-list-batch2')]);
    const all = recordsOf<SfContact>('contacts-list');
    const p1 = await contacts.list!(h.ctx, { limit: 2, cursor: null, filters: {} });
    expect(p1.items).toEqual(all.slice(0, 2).map(toUnifiedContact));
    expect(JSON.parse(p1.nextCursor!)).toEqual({ batch: null, skip: 2 });
    const p2 = await contacts.list!(h.ctx, { limit: 2, cursor: p1.nextCursor, filters: {} });
    expect(p2.items.map((c) => c.id)).toEqual([all[2].Id]);
    expect(JSON.parse(p2.nextCursor!)).toEqual({ batch: '/services/data/v62.0/query/01gyT0000000001QAA-200', skip: 0 });
    const p3 = await contacts.list!(h.ctx, { limit: 2, cursor: p2.nextCursor, filters: {} });
    expect(p3.items.map((c) => c.id)).toEqual(recordsOf<SfContact>('contacts-list-batch2').map((r) => r.Id));
    expect(p3.nextCursor).toBeNull();
    scope.done();
  });

  it('list: email filter is a quoted SOQL equality; updatedSince is SystemModstamp >= an unquoted datetime', async () => {
    const byEmail = fixture('contacts-list-email');
    const since = fixture('contacts-list-updated-since');
    const scope = expectExchanges([byEmail, since]);
    const email = /Email = '([^']+)'/.exec(byEmail.request.query.q)![1];
    const r1 = await contacts.list!(h.ctx, { limit: 2, cursor: null, filters: { email } });
    expect(r1.items.map((c) => c.email?.toLowerCase())).toEqual([email]);
    const at = /SystemModstamp >= (\S+)/.exec(since.request.query.q)![1];
    const r2 = await contacts.list!(h.ctx, { limit: 2, cursor: null, filters: { updatedSince: at.replace('Z', '.400Z') } });
    expect(r2.items).toHaveLength(2);
    scope.done();
  });

  it('list: an updatedSince sweep is ordered by (LastModifiedDate, Id), which polling keeps its watermark in', async () => {
    const since = fixture('contacts-list-updated-since');
    expect(since.request.query.q).toMatch(/ ORDER BY LastModifiedDate ASC, Id ASC$/);
  });

  it('listDeleted: getDeleted with whole-second start/end → ids, deletion times and latestDateCovered; no call inside one minute', async () => {
    const scope = nock(HOST)
      .get('/services/data/v62.0/sobjects/Contact/deleted/')
      .query({ start: '2030-01-01T10:00:30Z', end: '2030-01-01T10:02:10Z' })
      .reply(200, {
        deletedRecords: [{ id: '003yT0000000001QAA', deletedDate: '2030-01-01T10:01:05.000+0000' }],
        earliestDateAvailable: '2029-12-02T10:00:00.000+0000', latestDateCovered: '2030-01-01T10:02:00.000+0000',
      });
    expect(await contacts.listDeleted!(h.ctx, { since: '2030-01-01T10:00:30.250Z', until: '2030-01-01T10:02:10.900Z' })).toEqual({
      items: [{ id: '003yT0000000001QAA', deletedAt: '2030-01-01T10:01:05.000Z' }], coveredUntil: '2030-01-01T10:02:00.000Z',
    });
    scope.done();
    expect(await contacts.listDeleted!(h.ctx, { since: '2030-01-01T10:00:30Z', until: '2030-01-01T10:01:29Z' }))
      .toEqual({ items: [], coveredUntil: '2030-01-01T10:00:30Z' });
  });

  it('a cursor that is not this adapter\'s is INVALID_INPUT on cursor, without a call', async () => {
    await expect(contacts.list!(h.ctx, { limit: 2, cursor: '{"batch":"https://evil.example/x","skip":0}', filters: {} }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'cursor' }] } });
  });

  it('get: by-id SOQL with the id quoted; no row → CONTACT_NOT_FOUND; a non-Contact id → not found without a call', async () => {
    const get = fixture('contacts-get');
    const gone = fixture('contacts-get-deleted');
    const scope = expectExchanges([get, gone]);
    const id = recordsOf<SfContact>('contacts-get')[0].Id;
    expect(await contacts.get!(h.ctx, id)).toEqual(toUnifiedContact(recordsOf<SfContact>('contacts-get')[0]));
    const goneId = /Id = '([^']+)'/.exec(gone.request.query.q)![1];
    await expect(contacts.get!(h.ctx, goneId)).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    await expect(contacts.get!(h.ctx, "00QyT000000001JUAQ")).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    await expect(contacts.get!(h.ctx, "x' OR Name != '")).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    scope.done();
  });

  it('create: company name → Account look-up → POST → read back', async () => {
    const list = exchanges('contacts-create');
    const scope = expectExchanges(list);
    const post = list[1].request.body as Record<string, string>;
    const company = /Name = '([^']+)'/.exec(list[0].request.query.q)![1];
    const created = await contacts.create!(h.ctx, {
      firstName: 'Zoë', lastName: "O'Brien", email: 'zoe.obrien@example.com', title: 'CTO', company,
      phones: [{ value: '+49 30 1234567', type: 'work' }, { value: '+49 170 7654321', type: 'mobile' }],
    });
    expect(post).toEqual({ FirstName: 'Zoë', LastName: "O'Brien", Title: 'CTO', Email: 'zoe.obrien@example.com', Phone: '+49 30 1234567', MobilePhone: '+49 170 7654321', AccountId: expect.stringMatching(/^001/) });
    expect(created).toMatchObject({ firstName: 'Zoë', lastName: "O'Brien", company, companyId: post.AccountId });
    scope.done();
  });

  it('update: PATCH (204) then read back; delete: DELETE 204', async () => {
    const upd = exchanges('contacts-update');
    const del = fixture('contacts-delete');
    const scope = expectExchanges([...upd, del]);
    const id = upd[0].request.path.split('/').pop()!;
    expect(upd[0].request.body).toEqual({ Title: 'CEO', AccountId: null });
    const updated = await contacts.update!(h.ctx, id, { title: 'CEO', companyId: null });
    expect(updated).toMatchObject({ id, title: 'CEO', company: null, companyId: null });
    await contacts.delete!(h.ctx, id);
    scope.done();
  });

  it('update/delete of a deleted record: 404 ENTITY_IS_DELETED → CONTACT_NOT_FOUND', async () => {
    const id = '003yT000000003tQAA';
    const body = [{ message: 'entity is deleted', errorCode: 'ENTITY_IS_DELETED', fields: [] }];
    const scope = nock(HOST).patch(`/services/data/v62.0/sobjects/Contact/${id}`, { Title: 'x' }).reply(404, body)
      .delete(`/services/data/v62.0/sobjects/Contact/${id}`).reply(404, body);
    await expect(contacts.update!(h.ctx, id, { title: 'x' })).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    await expect(contacts.delete!(h.ctx, id)).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    scope.done();
  });

  it('company that names no Account → INVALID_INPUT on company, nothing written', async () => {
    const scope = nock(HOST).get('/services/data/v62.0/query')
      .query({ q: "SELECT Id FROM Account WHERE Name = 'Nope \\'Inc\\'' ORDER BY Id LIMIT 2" })
      .reply(200, { totalSize: 0, done: true, records: [] });
    await expect(contacts.create!(h.ctx, { lastName: 'X', company: "Nope 'Inc'" }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'company' }] } });
    scope.done();
  });
});
