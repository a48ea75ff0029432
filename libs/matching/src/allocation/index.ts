export { greedyAllocation, solveOptimalAllocation } from './allocation.js';
export type { Allocation, AllocationEdge, AllocationProblem } from './allocation.js';
