/** Worker methods for the shelves (filled in by the foundation work). */
export const shelvesApi = {
  async ping(): Promise<'pong'> {
    return 'pong';
  },
};
