"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorText, sendJson } from "@/components/admin/format";
import { FormFeedback, SubmitButton } from "@/components/admin/form-feedback";
import type { PublicCourse } from "@/lib/domains/golf/courses";

const EMPTY = {
  name: "",
  timezone: "",
  firstTeeTime: "07:00",
  lastTeeTime: "17:00",
  intervalMinutes: 10,
  capacity: 4,
  holes: 18,
  price: 45,
  currency: "USD",
  active: true,
};

/** Create a course (no `course`) or edit one: its schedule, capacity per tee time, holes and price. */
export function CourseForm({ course, defaultTimezone }: { course?: PublicCourse; defaultTimezone?: string }) {
  const router = useRouter();
  const v = course ?? { ...EMPTY, timezone: defaultTimezone ?? "UTC" };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const id = course ? `course-${course.id}` : "course-new";

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const f = new FormData(formEl);
    const body = {
      name: String(f.get("name") ?? ""),
      timezone: String(f.get("timezone") ?? ""),
      firstTeeTime: String(f.get("firstTeeTime") ?? ""),
      lastTeeTime: String(f.get("lastTeeTime") ?? ""),
      intervalMinutes: Number(f.get("intervalMinutes")),
      capacity: Number(f.get("capacity")),
      holes: Number(f.get("holes")),
      price: Number(f.get("price")),
      currency: String(f.get("currency") ?? "").toUpperCase(),
      ...(course && { active: f.get("active") === "on" }),
    };
    setBusy(true);
    setError(null);
    const res = await sendJson(course ? `/api/golf/courses/${course.id}` : "/api/golf/courses", course ? "PATCH" : "POST", body).catch(
      () => null,
    );
    setBusy(false);
    if (!res) return setError("Could not reach the server.");
    if (!res.ok) return setError(await errorText(res));
    setMessage(course ? "Saved." : `Added ${body.name}.`);
    if (!course) formEl.reset();
    router.refresh();
  }

  const field = (name: string, label: string, input: React.ReactNode) => (
    <div>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {input}
    </div>
  );
  return (
    <form className="adm-form card" onSubmit={submit} aria-label={course ? `Edit ${course.name}` : "Add a course"}>
      {field("name", "Name", <input id={`${id}-name`} name="name" required maxLength={120} defaultValue={v.name} />)}
      {field(
        "timezone",
        "Timezone (IANA)",
        <input id={`${id}-timezone`} name="timezone" required defaultValue={v.timezone} placeholder="Europe/Dublin" />,
      )}
      {field(
        "firstTeeTime",
        "First tee time",
        <input id={`${id}-firstTeeTime`} name="firstTeeTime" type="time" required defaultValue={v.firstTeeTime} />,
      )}
      {field(
        "lastTeeTime",
        "Last tee time",
        <input id={`${id}-lastTeeTime`} name="lastTeeTime" type="time" required defaultValue={v.lastTeeTime} />,
      )}
      {field(
        "intervalMinutes",
        "Interval (minutes)",
        <input
          id={`${id}-intervalMinutes`}
          name="intervalMinutes"
          type="number"
          min={5}
          max={120}
          required
          defaultValue={v.intervalMinutes}
        />,
      )}
      {field(
        "capacity",
        "Players per tee time",
        <input id={`${id}-capacity`} name="capacity" type="number" min={1} max={8} required defaultValue={v.capacity} />,
      )}
      {field(
        "holes",
        "Holes",
        <select id={`${id}-holes`} name="holes" defaultValue={String(v.holes)}>
          <option value="18">18</option>
          <option value="9">9</option>
        </select>,
      )}
      {field(
        "price",
        "Price per player",
        <input id={`${id}-price`} name="price" type="number" min={0} step="0.01" required defaultValue={v.price} />,
      )}
      {field("currency", "Currency", <input id={`${id}-currency`} name="currency" required maxLength={3} defaultValue={v.currency} />)}
      {course && (
        <div>
          <label>
            <input name="active" type="checkbox" defaultChecked={course.active} /> Bookable
          </label>
        </div>
      )}
      <div className="actions">
        <SubmitButton busy={busy} label={course ? "Save course" : "Add course"} busyLabel="Saving…" />
        <FormFeedback error={error} message={message} />
      </div>
    </form>
  );
}
