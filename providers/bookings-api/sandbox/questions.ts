import { ApiError, validationFailed } from './envelope';
import type { Answer, BookingLink } from './model';

/** Qualification answers (`[{ question_id, answer }]`) and the link's routing rules. Pure. */
export function parseAnswers(raw: unknown): Answer[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((a) => typeof a !== 'object' || a === null || typeof (a as Answer).question_id !== 'string')) {
    throw validationFailed('answers must be an array of { question_id, answer }.', ['answers']);
  }
  return (raw as Answer[]).map((a) => ({ question_id: a.question_id, answer: a.answer }));
}

/**
 * Why the link refuses these answers, or null: a required question unanswered or an answer not
 * among its options (400 validation_failed), or a routing rule that rejects it (403
 * routing_rejected, the rule's reason as the message).
 */
export function answersRefusal(link: BookingLink, answers: Answer[]): ApiError | null {
  const given = new Map(answers.map((a) => [a.question_id, a.answer]));
  const blank = (v: unknown): boolean => v === undefined || v === null || v === '';
  const missing = link.questions.filter((q) => q.required && blank(given.get(q.id)));
  if (missing.length > 0) {
    return validationFailed(`A required qualification question was unanswered: ${missing.map((q) => q.id).join(', ')}`, missing.map((q) => `answers.${q.id}`));
  }
  for (const q of link.questions) {
    const a = given.get(q.id);
    if (a !== undefined && q.options && !q.options.includes(String(a))) return validationFailed(`Answer to ${q.id} must be one of ${q.options.join(', ')}.`, [`answers.${q.id}`]);
  }
  const rule = link.routing_rules.find((r) => given.has(r.question_id) && String(given.get(r.question_id)) === r.equals);
  return rule ? new ApiError(403, 'routing_rejected', rule.reason) : null;
}
