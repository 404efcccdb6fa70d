import type { Model, Voice } from "@/lib/adapters/telephony/port";

/** Voices and models the simulator offers; ids mirror Bland's public presets so preferences carry over. */
export const SIM_VOICES: Voice[] = [
  { id: "maya", name: "Maya", language: "en-US", description: "Warm, young American female voice" },
  { id: "josh", name: "Josh", language: "en-US", description: "Friendly, upbeat American male voice" },
  { id: "june", name: "June", language: "en-US", description: "Calm, professional American female voice" },
  { id: "paige", name: "Paige", language: "en-US", description: "Soft-spoken, patient American female voice" },
  { id: "ryan", name: "Ryan", language: "en-GB", description: "Clear British male voice" },
  { id: "florian", name: "Florian", language: "de-DE", description: "Neutral German male voice" },
  { id: "lucia", name: "Lucía", language: "es-ES", description: "Bright Spanish female voice" },
];

export const SIM_MODELS: Model[] = [
  { id: "base", name: "Base", description: "Follows scripts and tasks closely; supports every feature. Best for structured calls." },
  { id: "turbo", name: "Turbo", description: "Lowest latency, the most natural back-and-forth; fewer features." },
  { id: "enhanced", name: "Enhanced", description: "More capable reasoning for open-ended conversations, slightly higher latency." },
];
