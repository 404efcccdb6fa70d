import { z } from "zod";

/** PATCH /api/members/{id} */
export const setMemberActiveInput = z.object({ active: z.boolean({ message: "must be true or false" }) });
