// The worker's entry when vfiokit runs from source (tsx); the bundle starts workers from itself.
import { runFleetWorker } from './worker.js';

runFleetWorker();
