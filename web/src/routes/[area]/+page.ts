import { error } from '@sveltejs/kit';
import { findArea } from '#lib/areas.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) => {
  const area = findArea(params.area);
  if (!area) error(404, 'There is no such page in Pulse.');
  return { area };
};
