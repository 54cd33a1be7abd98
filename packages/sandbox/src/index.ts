export { createRandom, type Random, type Seed } from "./random.js";
