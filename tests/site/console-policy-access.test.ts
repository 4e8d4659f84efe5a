// The calculator-parameter page is for publicity staff and administrators, not duty officers.
import { describe, expect, it } from 'vitest';
import { can, permissionFor } from '../../site/server/access.ts';

describe('/console/policy access', () => {
  it('needs the policy permission, which publicity and admin have and duty does not', () => {
    expect(permissionFor('/console/policy', 'GET')).toBe('policy');
    expect(permissionFor('/console/policy/', 'GET')).toBe('policy');
    expect(can('publicity', 'policy')).toBe(true);
    expect(can('admin', 'policy')).toBe(true);
    expect(can('duty', 'policy')).toBe(false);
  });
});

describe('labelling access', () => {
  it('needs the labels permission for the page and the API, which duty and admin have and publicity does not', () => {
    for (const [path, method] of [
      ['/console/labels', 'GET'],
      ['/console/labels', 'POST'],
      ['/console/labels/check', 'GET'],
      ['/api/labels/next', 'GET'],
      ['/api/labels', 'POST'],
    ] as const) {
      expect(permissionFor(path, method)).toBe('labels');
    }
    expect(can('duty', 'labels')).toBe(true);
    expect(can('admin', 'labels')).toBe(true);
    expect(can('publicity', 'labels')).toBe(false);
  });
});
