import { describe, expect, it } from 'vitest';
import { assertMayAssignRole, can, PERMISSIONS, roleAtLeast } from './roles.js';

const codeOf = (fn: () => void): string => {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? 'unknown';
  }
};

describe('roles', () => {
  it('lets viewers only read', () => {
    const allowed = (Object.keys(PERMISSIONS) as Array<keyof typeof PERMISSIONS>).filter((a) =>
      can('viewer', a),
    );
    expect(allowed).toEqual(['read']);
  });

  it('lets editors write content but not manage users, keys or billing', () => {
    expect(can('editor', 'content.write')).toBe(true);
    expect(can('editor', 'users.manage')).toBe(false);
    expect(can('editor', 'apikeys.manage')).toBe(false);
    expect(can('editor', 'billing.manage')).toBe(false);
  });

  it('lets admins do everything but transfer ownership, and owners everything', () => {
    for (const action of Object.keys(PERMISSIONS) as Array<keyof typeof PERMISSIONS>) {
      expect(can('owner', action)).toBe(true);
      expect(can('admin', action)).toBe(action !== 'ownership.transfer');
    }
  });

  it('ranks roles and refuses to hand out more than one holds', () => {
    expect(roleAtLeast('admin', 'editor')).toBe(true);
    expect(roleAtLeast('editor', 'admin')).toBe(false);
    expect(codeOf(() => assertMayAssignRole({ role: 'admin' }, 'editor', 'users.manage'))).toBe('ok');
    expect(codeOf(() => assertMayAssignRole({ role: 'admin' }, 'owner', 'users.manage'))).toBe('FORBIDDEN');
    expect(codeOf(() => assertMayAssignRole({ role: 'editor' }, 'viewer', 'apikeys.manage'))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(() => assertMayAssignRole({ role: 'owner' }, 'owner', 'users.manage'))).toBe('ok');
  });
});
