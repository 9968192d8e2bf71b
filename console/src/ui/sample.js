// What a page with a parameter in its path gives the layout test to open: the path of the first item of a
// listing, or of an id that does not exist when there is none (the page then shows the API's 404 in its frame).
export async function firstItemPath(client, listPath, pathOf) {
  const first = (await client.get(`${listPath}?limit=1`)).items[0];
  return pathOf(first ? encodeURIComponent(first.id) : 'none');
}
