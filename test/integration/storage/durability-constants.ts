/** Children per bulkWrite in the durability test (shared by the writer process and the test). */
export const BATCH = 400;
