import {
  ForbiddenError,
  NotFoundError,
  PaymentRequiredError,
  type ServiceError,
  UnauthenticatedError,
  ValidationError,
} from '../../errors.ts';
import { builder } from '../builder.ts';

/** Expected failures as typed results: clients fragment on these in mutation payloads. */
const ErrorInterface = builder.interfaceRef<ServiceError>('Error').implement({
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.exposeString('code'),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ field: t.exposeString('field', { nullable: true }) }),
});

for (const [ErrorClass, name] of [
  [NotFoundError, 'NotFoundError'],
  [UnauthenticatedError, 'UnauthenticatedError'],
  [ForbiddenError, 'ForbiddenError'],
] as const) {
  builder.objectType(ErrorClass, { name, interfaces: [ErrorInterface] });
}

/** The error types a mutation that checks access and validates input can return. */
export const mutationErrors = {
  types: [ValidationError, NotFoundError, UnauthenticatedError, ForbiddenError],
};

builder.objectType(PaymentRequiredError, {
  name: 'PaymentRequiredError',
  description: 'A Pulse Pro feature this install is not licensed for',
  interfaces: [ErrorInterface],
  fields: (t) => ({ feature: t.exposeString('feature') }),
});

/** The errors of a field that also needs a Pulse Pro feature. */
export const proErrors = { types: [...mutationErrors.types, PaymentRequiredError] };
