import { defineEntity, p } from '@mikro-orm/core';

/** One system setting, stored as JSON under its key. */
export const SettingSchema = defineEntity({
  name: 'Setting',
  tableName: 'setting',
  properties: {
    key: p.string().primary(),
    value: p.json<unknown>(),
    updatedAt: p.datetime(),
  },
});

export class Setting extends SettingSchema.class {}
SettingSchema.setClass(Setting);
