// The 1022 operators' other pages, beside the queue: the call desk (answer a caller from the knowledge
// base, log how the call ended, the latest calls), recording a phone or SMS item for a caller, items waiting
// to be placed, and the routing rules. Plain forms: no script; everything from the gateway is escaped.
import { escapeHtml } from '../../../platform/html.ts';
import { formatDateTime, renderLayout } from '../../portal/pages/layout.ts';
import type { PageFrame } from '../../portal/pages/layout.ts';
import { csrfField, itemTable } from './common.ts';
import type { ItemRow } from './common.ts';

/** The operators' pages, for the links under the section header. */
const OPERATOR_PAGES: readonly (readonly [path: string, label: string, en: string])[] = [
  ['/hang-doi', 'Hàng đợi', 'Queue'],
  ['/tong-dai', 'Tổng đài', 'Call desk'],
  ['/chua-dinh-vi', 'Chưa rõ vị trí', 'To be placed'],
  ['/quy-tac', 'Quy tắc phân công', 'Routing rules'],
];

/** The links between the operators' pages, the current one marked. */
export function operatorNav(current: string): string {
  const links = OPERATOR_PAGES.map(
    ([path, label, en]) => `<li><a href="${path}"${path === current ? ' aria-current="page"' : ''}>${escapeHtml(label)} <span class="en">${escapeHtml(en)}</span></a></li>`,
  );
  return `<nav class="sections sub" aria-label="Tổng đài 1022"><ul>${links.join('')}</ul></nav>`;
}

/** One answer of the knowledge base (AnswerItem). */
export interface AnswerRow {
  readonly kind: string;
  readonly confidence: number;
  readonly title: string;
  readonly text: string;
  readonly link: string;
}

/** What `answer` said about a question. */
export interface AnswerView {
  readonly question: string;
  readonly known: boolean;
  readonly suggestFeedback: boolean;
  readonly message: string;
  readonly items: readonly AnswerRow[];
}

/** One logged call (CallRecord). */
export interface CallRow {
  readonly channel: string;
  readonly outcome: string;
  readonly question: string;
  readonly sourceTitle?: string | null;
  readonly feedbackCode?: string | null;
  readonly createdAt: string;
}

export const CALL_OUTCOMES: Readonly<Record<string, string>> = {
  ANSWERED: 'Đã trả lời từ cơ sở tri thức',
  FEEDBACK_RECORDED: 'Đã ghi nhận phản ánh',
  REFERRED: 'Đã hướng dẫn sang đơn vị khác',
  UNANSWERED: 'Chưa trả lời được',
};

const CALL_CHANNELS: readonly (readonly [string, string])[] = [
  ['PHONE', 'Điện thoại'],
  ['SMS', 'Tin nhắn SMS'],
];

function channelSelect(id: string, selected = 'PHONE'): string {
  return `<select id="${id}" name="channel">${CALL_CHANNELS.map(([value, label]) => `<option value="${value}"${value === selected ? ' selected' : ''}>${label}</option>`).join('')}</select>`;
}

/** A form that logs the call with `outcome` (and the source it was answered from). */
function logForm(frame: PageFrame, question: string, outcome: string, label: string, source?: AnswerRow, index = 0): string {
  return `<form method="post" action="/tong-dai/nhat-ky">${csrfField(frame)}
<input type="hidden" name="question" value="${escapeHtml(question)}"><input type="hidden" name="outcome" value="${outcome}">
${source ? `<input type="hidden" name="sourceTitle" value="${escapeHtml(source.title)}"><input type="hidden" name="sourceLink" value="${escapeHtml(source.link)}">` : ''}
<label for="log-channel-${outcome}-${index}">Kênh <span class="en">Channel</span></label>${channelSelect(`log-channel-${outcome}-${index}`)}
<button class="btn${outcome === 'ANSWERED' ? '' : ' secondary'}" type="submit">${escapeHtml(label)}</button></form>`;
}

function answerSection(frame: PageFrame, answer: AnswerView): string {
  const items = answer.items.map(
    (
      item,
      index,
    ) => `<li class="answer"><h3><a href="${escapeHtml(item.link)}" rel="noopener">${escapeHtml(item.title)}</a> <span class="muted">(${item.kind === 'FAQ' ? 'Hỏi đáp' : 'Thủ tục'}, độ tin cậy ${Math.round(item.confidence * 100)} %)</span></h3>
<p>${escapeHtml(item.text)}</p>
${logForm(frame, answer.question, 'ANSWERED', 'Đã trả lời theo nguồn này · Answered from this', item, index)}</li>`,
  );
  const record = `<a class="btn secondary" href="/tong-dai/ghi-nhan?noi-dung=${encodeURIComponent(answer.question)}">Ghi nhận phản ánh cho người gọi · Record an item</a>`;
  return `<section class="card" id="answers" aria-live="polite">
<h2>Trả lời <span class="en">Answers</span></h2>
<p>${escapeHtml(answer.message)}</p>
${items.length ? `<ol class="answers">${items.join('')}</ol>` : `<p id="no-answer">Cơ sở tri thức không có câu trả lời đủ tin cậy — không tự trả lời. <span class="en">Nothing in the knowledge base answers this; do not improvise.</span></p>`}
<p>${record}</p>
<div class="row">${logForm(frame, answer.question, 'REFERRED', 'Đã hướng dẫn sang đơn vị khác · Referred')}${logForm(frame, answer.question, 'UNANSWERED', 'Chưa trả lời được · Unanswered')}</div>
</section>`;
}

function callsTable(calls: readonly CallRow[]): string {
  if (!calls.length) return '<p class="muted">Chưa có cuộc gọi nào được ghi. (No calls logged yet.)</p>';
  const rows = calls.map(
    (call) =>
      `<tr><td>${formatDateTime(call.createdAt)}</td><td>${escapeHtml(CALL_CHANNELS.find(([value]) => value === call.channel)?.[1] ?? call.channel)}</td><td>${escapeHtml(call.question)}</td><td>${escapeHtml(CALL_OUTCOMES[call.outcome] ?? call.outcome)}${
        call.sourceTitle ? `: ${escapeHtml(call.sourceTitle)}` : ''
      }${call.feedbackCode ? `: <a href="/phan-anh/${encodeURIComponent(call.feedbackCode)}"><code>${escapeHtml(call.feedbackCode)}</code></a>` : ''}</td></tr>`,
  );
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="Nhật ký cuộc gọi"><table id="calls"><thead><tr><th>Lúc <span class="en">At</span></th><th>Kênh</th><th>Nội dung hỏi <span class="en">Question</span></th><th>Kết quả <span class="en">Outcome</span></th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** The call desk: ask the knowledge base, log the call, the latest calls. */
export function renderCallDesk(frame: PageFrame, question: string, answer: AnswerView | undefined, calls: readonly CallRow[]): string {
  return renderLayout(
    frame,
    'Tổng đài 1022',
    `${operatorNav('/tong-dai')}
<section class="card">
<h1>Trả lời người gọi <span class="en">Answer a caller</span></h1>
<p class="hint">Tìm trong cơ sở tri thức (thủ tục hành chính, hỏi đáp): có dấu hay không dấu, từ thường dùng ("sổ đỏ", "CCCD"), mã thủ tục. Không ghi tên hay số điện thoại người gọi vào câu hỏi. <span class="en">Search the knowledge base; never put the caller's name or number in the question.</span></p>
<form method="get" action="/tong-dai" id="ask">
<label for="hoi">Người gọi hỏi gì? <span class="en">The caller's question</span></label>
<input type="text" id="hoi" name="hoi" required minlength="3" maxlength="500" value="${escapeHtml(question)}">
<p><button class="btn" type="submit">Tìm câu trả lời · Search</button> <a class="btn secondary" href="/tong-dai/ghi-nhan">Ghi nhận phản ánh · Record an item</a></p>
</form>
</section>
${answer ? answerSection(frame, answer) : ''}
<section class="card"><h2>Cuộc gọi gần đây <span class="en">Latest calls</span></h2>${callsTable(calls)}</section>`,
  );
}

/** What the record form holds (kept when the gateway refuses it). */
export interface RecordForm {
  readonly channel: string;
  readonly categoryCode: string;
  readonly title: string;
  readonly content: string;
  readonly lat: string;
  readonly lng: string;
  readonly name: string;
  readonly phone: string;
  readonly isPublic: boolean;
}

export const EMPTY_RECORD_FORM: RecordForm = { channel: 'PHONE', categoryCode: '', title: '', content: '', lat: '', lng: '', name: '', phone: '', isPublic: true };

/** Recording a phone or SMS item for a caller (recordFeedback); the call is logged with it. */
export function renderRecordForm(frame: PageFrame, categories: readonly { code: string; name: string }[], form: RecordForm, problem?: string): string {
  const options = categories.map((category) => `<option value="${escapeHtml(category.code)}"${category.code === form.categoryCode ? ' selected' : ''}>${escapeHtml(category.name)}</option>`).join('');
  return renderLayout(
    frame,
    'Ghi nhận phản ánh qua tổng đài',
    `${operatorNav('/tong-dai')}
<section class="card">
<h1>Ghi nhận phản ánh cho người gọi <span class="en">Record an item for a caller</span></h1>
${problem ? `<p class="error" role="alert" id="form-problem">${escapeHtml(problem)}</p>` : ''}
<form method="post" action="/tong-dai/ghi-nhan" id="record-form">${csrfField(frame)}
<label for="record-channel">Kênh <span class="en">Channel</span></label>${channelSelect('record-channel', form.channel)}
<label for="categoryCode">Lĩnh vực <span class="en">Category</span></label><select id="categoryCode" name="categoryCode" required><option value="">— Chọn lĩnh vực —</option>${options}</select>
<label for="title">Tiêu đề <span class="en">Title, 5–200 characters</span></label><input type="text" id="title" name="title" required minlength="5" maxlength="200" value="${escapeHtml(form.title)}">
<label for="content">Nội dung <span class="en">What the caller reports, 10–5000 characters</span></label><textarea id="content" name="content" required minlength="10" maxlength="5000">${escapeHtml(form.content)}</textarea>
<div class="row">
<div><label for="lat">Vĩ độ <span class="en">Latitude</span></label><input type="number" step="any" id="lat" name="lat" required min="-90" max="90" value="${escapeHtml(form.lat)}"></div>
<div><label for="lng">Kinh độ <span class="en">Longitude</span></label><input type="number" step="any" id="lng" name="lng" required min="-180" max="180" value="${escapeHtml(form.lng)}"></div>
</div>
<fieldset><legend>Người gọi, nếu họ cho biết <span class="en">The caller, if they give it (1022 staff only)</span></legend>
<label for="name">Họ tên <span class="en">Name</span></label><input type="text" id="name" name="name" maxlength="100" autocomplete="off" value="${escapeHtml(form.name)}">
<label for="phone">Số điện thoại <span class="en">Phone</span></label><input type="tel" id="phone" name="phone" maxlength="20" autocomplete="off" value="${escapeHtml(form.phone)}">
</fieldset>
<label class="check"><input type="checkbox" name="isPublic" value="true"${form.isPublic ? ' checked' : ''}><span>Người gọi đồng ý công khai (không kèm tên, số điện thoại). <span class="en">The caller agrees to publish it (never their name or number).</span></span></label>
<p><button class="btn" type="submit">Ghi nhận · Record</button></p>
</form>
</section>`,
  );
}

/** An item filed at a stand-in point, as the placing page lists it. */
export interface UnplacedRow extends ItemRow {
  readonly content: string;
}

/** Items waiting to be placed, each with a form to place it. */
export function renderUnplaced(frame: PageFrame, items: readonly UnplacedRow[]): string {
  const forms = items.map(
    (item) => `<li class="card" id="place-${escapeHtml(item.code)}"><h2><a href="/phan-anh/${encodeURIComponent(item.code)}"><code>${escapeHtml(item.code)}</code></a> ${escapeHtml(item.title)}</h2>
<p>${escapeHtml(item.content)}</p>
<form method="post" action="/chua-dinh-vi/${encodeURIComponent(item.code)}" class="row">${csrfField(frame)}
<div><label for="lat-${escapeHtml(item.code)}">Vĩ độ <span class="en">Latitude</span></label><input type="number" step="any" id="lat-${escapeHtml(item.code)}" name="lat" required min="-90" max="90"></div>
<div><label for="lng-${escapeHtml(item.code)}">Kinh độ <span class="en">Longitude</span></label><input type="number" step="any" id="lng-${escapeHtml(item.code)}" name="lng" required min="-180" max="180"></div>
<div><button class="btn" type="submit">Đặt vị trí · Place</button></div>
</form></li>`,
  );
  return renderLayout(
    frame,
    'Phản ánh chưa rõ vị trí',
    `${operatorNav('/chua-dinh-vi')}
<section class="card">
<h1>Phản ánh chưa rõ vị trí <span class="en">Items to be placed</span></h1>
<p class="hint">Tin nhắn từ các kênh trò chuyện không có vị trí được ghi tạm tại điểm mặc định. Khi biết nơi xảy ra, nhập toạ độ: phường được xác định theo ranh giới. <span class="en">Chat messages without a location wait here; the ward follows the point you give.</span></p>
${items.length ? '' : '<p class="muted" id="none-unplaced">Không có phản ánh nào chờ định vị. (Nothing to place.)</p>'}
</section>
${items.length ? `<ul class="results">${forms.join('')}</ul>` : ''}
${items.length ? `<section class="card"><h2>Danh sách <span class="en">List</span></h2>${itemTable('unplaced', items, '')}</section>` : ''}`,
  );
}

/** One routing rule (RoutingRule). */
export interface RuleRow {
  readonly categoryCode: string;
  readonly wardCode?: string | null;
  readonly unit?: { readonly code: string; readonly name: string } | null;
}

/** The routing rules, each removable, and the form that sets one. */
export function renderRules(frame: PageFrame, rules: readonly RuleRow[], categories: readonly { code: string; name: string }[], units: readonly { code: string; name: string }[]): string {
  const categoryName = new Map(categories.map((category) => [category.code, category.name]));
  const rows = rules.map(
    (
      rule,
    ) => `<tr><td>${escapeHtml(categoryName.get(rule.categoryCode) ?? rule.categoryCode)}</td><td>${rule.wardCode ? `<code>${escapeHtml(rule.wardCode)}</code>` : 'Mọi phường khác <span class="en">(every other ward)</span>'}</td><td>${escapeHtml(rule.unit?.name ?? '—')}</td>
<td><form method="post" action="/quy-tac/xoa">${csrfField(frame)}<input type="hidden" name="categoryCode" value="${escapeHtml(rule.categoryCode)}"><input type="hidden" name="wardCode" value="${escapeHtml(rule.wardCode ?? '')}"><button class="btn secondary" type="submit" aria-label="Xoá quy tắc ${escapeHtml(categoryName.get(rule.categoryCode) ?? rule.categoryCode)} ${escapeHtml(rule.wardCode ?? 'mọi phường')}">Xoá · Remove</button></form></td></tr>`,
  );
  return renderLayout(
    frame,
    'Quy tắc phân công',
    `${operatorNav('/quy-tac')}
<section class="card">
<h1>Quy tắc phân công <span class="en">Routing rules</span></h1>
<p class="hint">Phản ánh mới được gợi ý chuyển theo lĩnh vực và phường: quy tắc của phường trước, rồi quy tắc chung của lĩnh vực, nếu không có thì về tổng đài 1022. Thay đổi áp dụng ngay. <span class="en">A ward's own rule first, then the category's city-wide rule, else the 1022 centre; changes apply at once.</span></p>
<div class="table-wrap" tabindex="0" role="region" aria-label="Quy tắc phân công"><table id="rules"><thead><tr><th>Lĩnh vực <span class="en">Category</span></th><th>Phường <span class="en">Ward</span></th><th>Đơn vị <span class="en">Unit</span></th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table></div>
</section>
<section class="card">
<h2>Đặt quy tắc <span class="en">Set a rule</span></h2>
<form method="post" action="/quy-tac" id="rule-form">${csrfField(frame)}
<label for="rule-category">Lĩnh vực <span class="en">Category</span></label><select id="rule-category" name="categoryCode" required><option value="">— Chọn —</option>${categories.map((category) => `<option value="${escapeHtml(category.code)}">${escapeHtml(category.name)}</option>`).join('')}</select>
<label for="rule-ward">Mã phường, để trống cho mọi phường <span class="en">Ward code; empty for every ward</span></label><input type="text" id="rule-ward" name="wardCode" maxlength="64" placeholder="P-BEN-THANH">
<label for="rule-unit">Đơn vị xử lý <span class="en">Unit</span></label><select id="rule-unit" name="unitCode" required><option value="">— Chọn —</option>${units.map((unit) => `<option value="${escapeHtml(unit.code)}">${escapeHtml(unit.name)}</option>`).join('')}</select>
<p><button class="btn" type="submit">Lưu · Save</button></p>
</form>
</section>`,
  );
}
