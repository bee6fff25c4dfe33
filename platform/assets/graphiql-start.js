// Starts GraphiQL on the page platform/graphiql.ts renders: the endpoint, the default query and (in the
// staff workspace) the CSRF token come from the body's data attributes, so the page needs no inline script.
/* global document, React, ReactDOM, GraphiQL */
(function start() {
  'use strict';
  var settings = document.body.dataset;
  var headers = settings.csrf ? { 'x-csrf-token': settings.csrf } : {};
  var fetcher = GraphiQL.createFetcher({ url: settings.endpoint, headers: headers });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: settings.defaultQuery, shouldPersistHeaders: false }));
})();
