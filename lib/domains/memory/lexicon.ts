// Word lists for the lexical matcher. Why hand-written: callers' questions are short, and what separates
// "open on Sunday?" from "open on Monday?" is exactly the words a generic stop list or stemmer would treat
// alike — so days, numbers and negations are kept as their own kinds, and the filler of spoken questions
// ("do you", "I was wondering") is dropped.

/** Filler that carries no meaning in a caller's question. Negations are NOT here (see NEGATIONS). */
export const STOP_WORDS = new Set(
  (
    "a an the is are was were be been being am do does did doing done you your yours yourself i me my mine myself we our ours us " +
    "it its this that these those there here to of in on at for with from by about as and or but if so than then can could would " +
    "should will shall may might must have has had having get got getting any some what whats when where which who whom how why " +
    "please hi hello hey thanks thank just also still really actually currently now right know tell wonder wondering wondered like " +
    "want wanted let make made go going come coming visit able possible option options dish dishes meal meals item items choice " +
    "choices thing things something anything time times ask asking question guys folks sir madam ma um uh er well okay yeah yes " +
    "much many more most very too quite one ones someone anyone anybody somebody else other another again maybe perhaps kind sort " +
    "lot lots bit little set site"
  ).split(/\s+/),
);

/** Words that flip a question's meaning: one side having one and the other not is a different question. */
export const NEGATIONS = new Set(["not", "no", "never", "none", "nothing", "nobody", "neither", "nor"]);

export const DAYS: Record<string, string> = {
  monday: "mon",
  mon: "mon",
  mondays: "mon",
  tuesday: "tue",
  tue: "tue",
  tues: "tue",
  tuesdays: "tue",
  wednesday: "wed",
  wed: "wed",
  wednesdays: "wed",
  thursday: "thu",
  thu: "thu",
  thur: "thu",
  thurs: "thu",
  thursdays: "thu",
  friday: "fri",
  fri: "fri",
  fridays: "fri",
  saturday: "sat",
  sat: "sat",
  saturdays: "sat",
  sunday: "sun",
  sun: "sun",
  sundays: "sun",
  weekend: "weekend",
  weekends: "weekend",
  weekday: "weekday",
  weekdays: "weekday",
  today: "today",
  tonight: "tonight",
  tomorrow: "tomorrow",
  yesterday: "yesterday",
  morning: "morning",
  mornings: "morning",
  afternoon: "afternoon",
  afternoons: "afternoon",
  evening: "evening",
  evenings: "evening",
  lunchtime: "lunch",
  night: "night",
  nights: "night",
  holiday: "holiday",
  holidays: "holiday",
  christmas: "christmas",
  easter: "easter",
  thanksgiving: "thanksgiving",
  january: "jan",
  february: "feb",
  march: "mar",
  april: "apr",
  june: "jun",
  july: "jul",
  august: "aug",
  september: "sep",
  october: "oct",
  november: "nov",
  december: "dec",
};

export const NUMBER_WORDS: Record<string, string> = {
  zero: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  ten: "10",
  eleven: "11",
  twelve: "12",
  thirteen: "13",
  fourteen: "14",
  fifteen: "15",
  sixteen: "16",
  eighteen: "18",
  twenty: "20",
  thirty: "30",
  forty: "40",
  fifty: "50",
  hundred: "100",
  noon: "12pm",
  midnight: "12am",
  half: "half",
  dozen: "12",
};

/**
 * Words callers use for the same thing, each group mapped to its first word. Only equivalences that hold
 * for every business we serve; a product or place is never merged with another.
 */
export const SYNONYM_GROUPS: string[][] = [
  ["price", "prices", "cost", "costs", "charge", "charges", "fee", "fees", "rate", "rates", "pricing", "expensive", "much"],
  ["book", "booking", "reserve", "reservation", "reservations", "appointment", "appointments", "schedule"],
  ["open", "opening", "hours"],
  ["close", "closing", "closed", "shut"],
  ["pet", "pets", "dog", "dogs", "puppy"],
  ["kid", "kids", "child", "children", "toddler", "toddlers", "baby", "babies"],
  ["accept", "take", "taking", "use"],
  ["allow", "allowed", "permit", "permitted", "bring", "welcome", "ok"],
  ["require", "required", "need", "needed", "necessary", "mandatory"],
  ["access", "accessible", "wheelchair", "disabled", "disability", "ramp"],
  ["wifi", "internet", "wireless"],
  ["restroom", "restrooms", "toilet", "toilets", "bathroom", "bathrooms", "washroom"],
  ["address", "located", "location", "directions", "find"],
  ["cart", "carts", "buggy", "buggies", "trolley", "trolleys"],
  ["rent", "rental", "rentals", "hire"],
  ["buy", "purchase", "order"],
  ["sell", "carry", "stock", "stocked", "available", "offer", "serve"],
  ["doctor", "doctors", "dr", "physician", "gp"],
  ["free", "without", "complimentary"],
  ["refund", "refunds"],
  ["deliver", "delivery", "deliveries", "ship", "shipping"],
  ["cancel", "cancellation", "cancelling", "canceling"],
  ["phone", "call", "ring"],
  ["walkin", "walk", "walkins"],
  ["reschedule", "move", "change"],
  ["tooth", "teeth"],
  ["vaccine", "vaccines", "vaccination", "vaccinations", "shot", "shots", "jab", "jabs", "immunization"],
  ["repair", "repairs", "fix", "fixing"],
  ["bike", "bikes", "bicycle", "bicycles"],
  ["push", "pull"],
  ["takeout", "takeaway", "carryout"],
  ["person", "people", "persons", "guests"],
  ["discount", "discounts", "off", "reduction"],
];

/**
 * Words that say little about *what* is asked (verbs of asking, taking, paying; generic nouns). They count
 * half, and swapping one for another ("pay with PayPal" / "accept PayPal") is not a different question.
 */
export const GENERIC_WORDS = (
  "accept allow sell buy rent book price open close require get take pay give offer serve provide use eat play work see talk speak " +
  "register join come visit bring wear hit cook go stay put let find ask charge extra service services place there food thing stuff " +
  "anything something someone people person available today money patient customer client"
).split(/\s+/);
