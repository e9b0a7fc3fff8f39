import type { WriteBack, WriteBackStore } from '../types';
import type { MongoModels } from './mongo-models';
import { isDuplicateKeyError, strip } from './mongo-util';

const clean = (doc: WriteBack | null): WriteBack | null => (doc ? strip(doc) as WriteBack : null);

export class MongoWriteBackStore implements WriteBackStore {
  constructor(private readonly m: MongoModels) {}

  async createOnce(writeBack: WriteBack): Promise<{ writeBack: WriteBack; created: boolean }> {
    try {
      // The unique bookingKey index is what keeps one write-back per booking across processes.
      await this.m.writeBacks.create(writeBack);
      return { writeBack: { ...writeBack }, created: true };
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      return { writeBack: clean(await this.m.writeBacks.findOne({ bookingKey: writeBack.bookingKey }).lean<WriteBack>())!, created: false };
    }
  }

  async get(id: string): Promise<WriteBack | null> {
    return clean(await this.m.writeBacks.findOne({ id }).lean<WriteBack>());
  }

  async listDue(dueBy: string, now: string, limit: number): Promise<WriteBack[]> {
    const docs = await this.m.writeBacks.find({
      status: 'pending', nextAttemptAt: { $lte: dueBy }, $or: [{ leaseExpiresAt: null }, { leaseExpiresAt: { $lte: now } }],
    }).sort({ nextAttemptAt: 1, id: 1 }).limit(limit).lean<WriteBack[]>();
    return docs.map((d) => clean(d)!);
  }

  async claim(id: string, owner: string, leaseExpiresAt: string, now: string): Promise<boolean> {
    const res = await this.m.writeBacks.updateOne(
      { id, status: 'pending', $or: [{ leaseExpiresAt: null }, { leaseExpiresAt: { $lte: now } }, { leaseOwner: owner }] },
      { $set: { leaseOwner: owner, leaseExpiresAt } },
    );
    return res.modifiedCount === 1 || res.matchedCount === 1;
  }

  async setLeadId(id: string, leadId: string): Promise<string> {
    await this.m.writeBacks.updateOne({ id, leadId: null }, { $set: { leadId } });
    return (await this.get(id))!.leadId!;
  }

  async complete(id: string, crmMeetingId: string, crmMeeting: string, at: string): Promise<boolean> {
    const res = await this.m.writeBacks.updateOne({ id, crmMeetingId: null }, {
      $set: { crmMeetingId, crmMeeting, status: 'done', completedAt: at, lastError: null, leaseOwner: null, leaseExpiresAt: null },
    });
    return res.modifiedCount === 1;
  }

  async failAttempt(id: string, owner: string, change: { lastError: string; nextAttemptAt: string; status: 'pending' | 'failed' }): Promise<void> {
    await this.m.writeBacks.updateOne({ id, leaseOwner: owner, status: 'pending' }, {
      $inc: { attempts: 1 }, $set: { ...change, leaseOwner: null, leaseExpiresAt: null },
    });
  }
}
