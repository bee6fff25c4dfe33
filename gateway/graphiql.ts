// GraphiQL for development (off in production). The page loads GraphiQL's scripts from unpkg, as
// mercurius's and Apollo's pages do; the gateway itself needs no outside network.

/** The GraphiQL page for an endpoint. */
export function renderGraphiql(endpoint: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <title>Liên Thông — GraphiQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <link rel="stylesheet" href="https://unpkg.com/graphiql@3.8.3/graphiql.min.css">
  <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL… (it needs the browser to reach unpkg.com)</div>
  <script src="https://unpkg.com/react@18.3.1/umd/react.production.min.js" crossorigin></script>
  <script src="https://unpkg.com/react-dom@18.3.1/umd/react-dom.production.min.js" crossorigin></script>
  <script src="https://unpkg.com/graphiql@3.8.3/graphiql.min.js" crossorigin></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)} });
    const defaultQuery = '# Public: the procedure catalogue\\n{ procedures(first: 5) { code name field processingDays } }\\n\\n# Signed in (add {"Authorization": "Bearer <access token>"} under Headers):\\n# { me { feedback { code status } dossiers { code status } notifications { title read } } }\\n';
    ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, { fetcher, defaultQuery, shouldPersistHeaders: false }));
  </script>
</body>
</html>`;
}
