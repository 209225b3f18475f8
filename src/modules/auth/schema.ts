import { z } from 'zod';
import { roles } from '../../platform/auth/actor.js';

export const LoginInput = z.object({
  email: z.string().trim().toLowerCase().email('email_invalid: Enter an e-mail address.').max(200),
  password: z.string().min(1, 'required: Enter your password.').max(200),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const SessionUser = z.object({
  id: z.string().uuid(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.enum(roles)),
  departmentId: z.string().uuid().nullable(),
  municipality: z.object({ id: z.string().uuid(), name: z.string(), code: z.string() }),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const SessionView = z.object({ user: SessionUser, csrfToken: z.string() });
export type SessionView = z.infer<typeof SessionView>;
