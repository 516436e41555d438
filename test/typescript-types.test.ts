/**
 * Type-level tests of generated files (fixtures' expected.ts). They are
 * enforced by the type checker: `npm run typecheck` covers test/, and
 * test/typescript-compile.test.ts compiles this file with stricter options.
 * An unused `@ts-expect-error` is itself an error, so each line below fails
 * the check if the generated type stops rejecting what it must reject.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import { describe, expectTypeOf, it } from 'vitest';
import type { PostInsert, PostRow, PostUpdate, UserInsert, UserRow } from '../fixtures/ts-basic/expected.js';
import type { OrderItemInsert, OrderItemRow, OrderItemTable, OrderItemUpdate } from '../fixtures/ts-kysely-camel/expected.js';
import type { EventInsert, EventRow, ProfileRow } from '../fixtures/ts-json-overrides/expected.js';
import type { LedgerRow } from '../fixtures/ts-parsers-bigint/expected.js';
import type { AuthorBookRow, BookCountRow } from '../fixtures/ts-views/expected.js';
import type { EventPayload } from '../fixtures/ts-json-overrides/events.js';
import type { Settings } from '../fixtures/ts-json-overrides/settings.js';

function insertUser(values: UserInsert): UserInsert {
  return values;
}
function insertPost(values: PostInsert): PostInsert {
  return values;
}
function updatePost(values: PostUpdate): PostUpdate {
  return values;
}

describe('generated types (checked by tsc)', () => {
  it('Insert types require NOT NULL columns without a default', () => {
    insertUser({ email: 'a@example.com' });
    // @ts-expect-error email is NOT NULL without a default
    insertUser({});
    // @ts-expect-error display_name is optional, but not a number
    insertUser({ email: 'a@example.com', display_name: 1 });
    // @ts-expect-error user_id and title are required
    insertPost({ body: 'text' });
    expectTypeOf<OrderItemInsert>().toEqualTypeOf<{
      orderItemId?: string | number | bigint;
      orderId: string | number | bigint;
      unitPrice: string | number;
      quantity?: string | number | bigint;
      shippedOn?: Date | string | null;
      giftNote?: string | null;
    }>();
  });

  it('Insert and Update types leave generated columns out', () => {
    // @ts-expect-error body_length is GENERATED ALWAYS AS (…) STORED
    insertPost({ user_id: 1, title: 't', body_length: '4' });
    // @ts-expect-error body_length cannot be updated either
    updatePost({ body_length: '4' });
    updatePost({});
    expectTypeOf<PostRow>().toHaveProperty('body_length');
    expectTypeOf<keyof OrderItemUpdate>().not.toEqualTypeOf<keyof OrderItemRow>();
  });

  it('Row types carry null exactly where the column is nullable', () => {
    expectTypeOf<UserRow['display_name']>().toEqualTypeOf<string | null>();
    expectTypeOf<UserRow['email']>().toEqualTypeOf<string>();
    expectTypeOf<UserRow['id']>().toEqualTypeOf<string>();
    expectTypeOf<UserRow['role']>().toEqualTypeOf<'admin' | 'member' | 'guest'>();
    expectTypeOf<UserRow['created_at']>().toEqualTypeOf<Date>();
    expectTypeOf<UserRow['avatar']>().toEqualTypeOf<Buffer | null>();
    expectTypeOf<PostRow['status']>().toEqualTypeOf<'draft' | 'published' | 'it\'s "odd"' | null>();
    expectTypeOf<PostRow['body_length']>().toEqualTypeOf<string | null>();
    expectTypeOf<LedgerRow['id']>().toEqualTypeOf<bigint>();
    expectTypeOf<LedgerRow['amount']>().toEqualTypeOf<number>();
    expectTypeOf<LedgerRow['booked_on']>().toEqualTypeOf<string>();
  });

  it('view rows: NOT NULL only where provable', () => {
    expectTypeOf<AuthorBookRow['name']>().toEqualTypeOf<string>();
    expectTypeOf<AuthorBookRow['title']>().toEqualTypeOf<string | null>(); // the LEFT JOIN's side
    expectTypeOf<BookCountRow['books']>().toEqualTypeOf<string>(); // count(*) is a NOT NULL bigint
    expectTypeOf<BookCountRow['top_price']>().toEqualTypeOf<string | null>();
  });

  it('column type overrides and JSON', () => {
    expectTypeOf<ProfileRow['settings']>().toEqualTypeOf<Settings>();
    expectTypeOf<ProfileRow['hashtag']>().toEqualTypeOf<`#${string}` | null>();
    expectTypeOf<EventRow['payload']>().toEqualTypeOf<EventPayload>();
    // @ts-expect-error kind is a CHECK (kind IN ('click', 'view')) union
    const kind: EventInsert['kind'] = 'scroll';
    expectTypeOf(kind).toBeString();
  });

  it('kysely flavor: the Table interface encodes Row, Insert and Update', () => {
    expectTypeOf<Selectable<OrderItemTable>>().toEqualTypeOf<OrderItemRow>();
    // kysely adds `| undefined` to optional keys; exact equivalence is checked in typescript-compile.test.ts.
    expectTypeOf<OrderItemInsert>().toExtend<Insertable<OrderItemTable>>();
    expectTypeOf<OrderItemUpdate>().toExtend<Updateable<OrderItemTable>>();
    // @ts-expect-error orderId is required by kysely too
    expectTypeOf<Omit<OrderItemInsert, 'orderId'>>().toExtend<Insertable<OrderItemTable>>();
  });
});
