// Live updates on a signed-in page (routes/live.ts): the page names its stream in <body data-live>; a new
// message updates the unread count in the header and the inbox, and is inserted at the top of the inbox
// list where the page has one; a status change replaces the badge of that item where the page lists it.
// Each is announced politely (the page's aria-live region). Without this script the pages work the same,
// only a reload shows what changed. The entries and badges arrive rendered and escaped by the portal.
// The staff workspace's stream (web/workspace/routes/live.ts) sends "item" (a new item or a status change
// of any item in the person's scope): its badge is replaced too, the row is added to the page's live list
// ([data-live-rows], the operators' queue) when the item waits there, the entry to #live-feed (the
// leaders' dashboard), and a "live-item" DOM event tells the page's own script (the map's counts).
/* global document, window, EventSource, CustomEvent */
(function () {
  'use strict';
  var path = document.body.getAttribute('data-live');
  if (!path || !window.EventSource) return;
  var announcer = document.getElementById('live-announcer');
  var source = new EventSource(path);
  var state = function (value) {
    document.body.setAttribute('data-live-state', value);
  };
  var read = function (event) {
    try {
      return JSON.parse(event.data);
    } catch (error) {
      return {};
    }
  };
  var announce = function (text) {
    if (!announcer) return;
    // Each announcement is a new line added to the polite region (an addition is announced, the same words
    // twice included), so a status change and its message arriving together are both heard; the last few kept.
    var line = document.createElement('span');
    line.textContent = text + ' ';
    announcer.appendChild(line);
    while (announcer.childNodes.length > 3) announcer.removeChild(announcer.firstChild);
  };
  var setCount = function (unread) {
    if (typeof unread !== 'number') return;
    var count = document.getElementById('unread-count');
    if (count) {
      count.textContent = String(unread);
      count.hidden = false;
    }
    var summary = document.getElementById('inbox-unread');
    if (summary) summary.innerHTML = unread + ' chưa đọc <span class="en">unread</span>';
  };

  state('connecting');
  source.addEventListener('ready', function (event) {
    state('open');
    setCount(read(event).unread);
  });
  source.addEventListener('notification', function (event) {
    var data = read(event);
    setCount(data.unread);
    var list = document.getElementById('inbox-list');
    if (list && data.html && data.id && !document.getElementById('n-' + data.id)) {
      list.insertAdjacentHTML('afterbegin', data.html);
      var empty = document.getElementById('inbox-empty');
      if (empty) empty.remove();
    }
    announce('Thông báo mới: ' + (data.title || '') + ' (new notification)');
  });
  var badges = function (data) {
    var cells = document.querySelectorAll('[data-status-of]');
    var words = '';
    for (var index = 0; index < cells.length; index += 1) {
      if (cells[index].getAttribute('data-status-of') === data.code && data.badge) {
        cells[index].innerHTML = data.badge;
        words = cells[index].textContent;
      }
    }
    return words;
  };
  source.addEventListener('status', function (event) {
    var data = read(event);
    var words = badges(data);
    if (words) announce('Trạng thái ' + data.code + ': ' + words + ' (status changed)');
  });
  source.addEventListener('item', function (event) {
    var data = read(event);
    var words = badges(data);
    var rows = document.querySelector('[data-live-rows]');
    if (rows && data.queued && data.row) {
      var known = false;
      for (var index = 0; index < rows.children.length; index += 1) known = known || rows.children[index].getAttribute('data-code') === data.code;
      if (!known) {
        rows.insertAdjacentHTML('beforeend', data.row);
        words = words || 'mới (new)';
      }
    }
    var feed = document.getElementById('live-feed');
    if (feed && data.entry) {
      feed.insertAdjacentHTML('afterbegin', data.entry);
      while (feed.children.length > 20) feed.removeChild(feed.lastElementChild);
      var quiet = document.getElementById('live-feed-empty');
      if (quiet) quiet.remove();
    }
    document.dispatchEvent(new CustomEvent('live-item', { detail: data }));
    if (words || feed) announce('Phản ánh ' + data.code + ': ' + (data.words || words) + ' (item changed)');
  });
  source.addEventListener('ended', function () {
    source.close();
    state('closed');
  });
  source.addEventListener('error', function () {
    // EventSource reconnects by itself unless the portal said no (204: signed out).
    state(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
  });
})();
