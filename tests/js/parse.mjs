// Parse iCalendar files with Mozilla's ical.js (Thunderbird's parser) and print what it read,
// as JSON: the calendar's properties and every event's UID, dates and summary.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const out = {};
for (const file of process.argv.slice(2)) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  const props = {};
  for (const p of root.getAllProperties()) props[p.name] = String(p.getFirstValue());
  out[file] = {
    props,
    events: root.getAllSubcomponents("vevent").map((c) => {
      const e = new ICAL.Event(c);
      return {
        uid: e.uid,
        summary: e.summary,
        description: e.description,
        start: e.startDate.toString(),
        end: e.endDate.toString(),
        allDay: e.startDate.isDate && e.endDate.isDate,
        sequence: e.sequence,
        transp: c.getFirstPropertyValue("transp"),
        categories: c.getAllProperties("categories").flatMap((p) => p.getValues()),
        alarms: c.getAllSubcomponents("valarm").length,
      };
    }),
  };
}
process.stdout.write(JSON.stringify(out));
