import { api, ApiError } from './api.js';
import { debounce, watchChanges } from './changes.js';
import { CloseDialog } from './close-dialog.js';
import { tickCountdowns } from './countdown.js';
import { fill, h } from './dom.js';
import { contactName } from './format.js';
import { LoginView } from './login-view.js';
import { groupSessions, ReadMarks } from './session-model.js';
import { SessionList } from './session-list.js';
import { SessionPane } from './session-pane.js';
import { Toasts } from './toasts.js';
import { TopBar } from './top-bar.js';
import type { Change, Desk, Session } from './types.js';

/** Where the signed-in agent's code is kept, so a reload stays signed in. */
const STORAGE_KEY = 'tvox-console.agent';
/** How long changes are gathered before the desk is fetched again. */
const REFRESH_DEBOUNCE_MS = 50;
const PRODUCT = 'TVox agent console';

/** The console: signs the agent in, keeps their desk live, and runs their actions. */
class ConsoleApp {
  private readonly toasts = new Toasts();
  private readonly closeDialog = new CloseDialog();
  private readonly login = new LoginView((code, password) => this.signIn(code, password));
  private readonly topBar = new TopBar({
    onPresence: (presence) =>
      void this.act('Could not change presence', (code) => api.setPresence(code, presence)),
    onLogout: () => void this.signOut(),
  });
  private readonly list = new SessionList({
    onSelect: (id) => {
      this.select(id);
    },
    onAccept: (id) => void this.accept(id),
    onDecline: (id) => void this.decline(id),
  });
  private readonly pane = new SessionPane({
    onAccept: (id) => void this.accept(id),
    onDecline: (id) => void this.decline(id),
    onClose: (session) => void this.close(session),
    onSend: (id, text) => this.reply(id, text),
    onTyping: (id) => void this.typing(id),
  });
  private readonly shell = h(
    'div',
    { class: 'shell', testid: 'console' },
    this.topBar.element,
    h('div', { class: 'workspace' }, this.list.element, this.pane.element),
  );
  private readonly marks = new ReadMarks();

  private agentCode: string | undefined;
  private desk: Desk | undefined;
  private selectedId: string | undefined;
  private stopWatching: (() => void) | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private fetching = false;
  private fetchAgain = false;
  private readonly refreshSoon = debounce(() => void this.refresh(), REFRESH_DEBOUNCE_MS);

  constructor(private readonly root: HTMLElement) {}

  async start(): Promise<void> {
    fill(this.root, this.login.element, this.shell, this.toasts.element, this.closeDialog.element);
    this.shell.hidden = true;
    const saved = sessionStorage.getItem(STORAGE_KEY);
    if (saved !== null) {
      try {
        const desk = await api.desk(saved);
        if (desk.agent.presence !== 'offline') {
          this.enter(saved, desk);
          return;
        }
      } catch {
        // Unknown agent or simulator restarted: sign in again.
      }
      sessionStorage.removeItem(STORAGE_KEY);
    }
    this.showLogin(saved ?? '');
  }

  private async signIn(code: string, password: string | undefined): Promise<void> {
    await api.login(code, password);
    const desk = await api.desk(code);
    sessionStorage.setItem(STORAGE_KEY, code);
    this.enter(code, desk);
  }

  private enter(code: string, desk: Desk): void {
    this.agentCode = code;
    this.marks.clear();
    this.selectedId = undefined;
    this.login.element.hidden = true;
    this.shell.hidden = false;
    this.apply(desk);
    this.stopWatching = watchChanges({
      onChange: (change) => {
        if (this.concerns(change)) this.refreshSoon();
      },
      onOpen: () => {
        this.refreshSoon();
      },
      onConnection: (connection) => {
        this.topBar.setConnection(connection);
      },
    });
    this.ticker = setInterval(() => {
      tickCountdowns(this.shell, Date.now());
    }, 1000);
  }

  private async signOut(): Promise<void> {
    const code = this.agentCode;
    if (code === undefined) return;
    try {
      await api.logout(code);
    } catch (error) {
      this.toasts.error('Could not log out', messageOf(error));
      return;
    }
    this.leave(code);
  }

  /** Back to the sign-in screen. */
  private leave(code: string, notice?: string): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
    this.agentCode = undefined;
    this.desk = undefined;
    sessionStorage.removeItem(STORAGE_KEY);
    document.title = PRODUCT;
    this.showLogin(code, notice);
  }

  private showLogin(code: string, notice?: string): void {
    this.shell.hidden = true;
    this.login.element.hidden = false;
    this.login.show(code, notice);
  }

  /** Whether a change may touch this agent's desk (other agents' presence does not). */
  private concerns(change: Change): boolean {
    return change.kind !== 'agent' || change.id === this.agentCode;
  }

  /** Fetches the desk again; calls made while a fetch runs are folded into one more fetch. */
  private async refresh(): Promise<void> {
    const code = this.agentCode;
    if (code === undefined) return;
    if (this.fetching) {
      this.fetchAgain = true;
      return;
    }
    this.fetching = true;
    try {
      const desk = await api.desk(code);
      if (this.agentCode === code) this.apply(desk);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404 && this.agentCode === code) {
        this.leave(code, error.message);
      }
    } finally {
      this.fetching = false;
      if (this.fetchAgain) {
        this.fetchAgain = false;
        void this.refresh();
      }
    }
  }

  private apply(desk: Desk): void {
    const code = this.agentCode;
    if (code === undefined) return;
    if (desk.agent.presence === 'offline') {
      this.leave(code, 'You were logged out.');
      return;
    }
    this.desk = desk;
    const { offered, assigned } = groupSessions(desk.sessions);
    if (!desk.sessions.some((s) => s.sessionId === this.selectedId)) {
      this.selectedId = (offered[0] ?? assigned[0])?.sessionId;
    }
    this.render();
    document.title = offered.length > 0 ? `(${offered.length}) ${PRODUCT}` : PRODUCT;
  }

  private render(): void {
    const desk = this.desk;
    if (desk === undefined) return;
    const selected = this.selected();
    if (selected) this.marks.markRead(selected);
    this.topBar.update(desk.agent);
    this.list.render({
      sessions: desk.sessions,
      selectedId: this.selectedId,
      presence: desk.agent.presence,
      unread: (s) => this.marks.unread(s),
    });
    this.pane.show(selected, desk.agent, desk.sessions.length > 0);
    tickCountdowns(this.shell, Date.now());
  }

  private selected(): Session | undefined {
    return this.desk?.sessions.find((s) => s.sessionId === this.selectedId);
  }

  private select(sessionId: string): void {
    this.selectedId = sessionId;
    this.render();
  }

  private async accept(sessionId: string): Promise<void> {
    this.selectedId = sessionId;
    await this.act('Could not accept the session', (code) => api.accept(code, sessionId));
  }

  private async decline(sessionId: string): Promise<void> {
    await this.act('Could not decline the session', (code) => api.decline(code, sessionId));
  }

  private async close(session: Session): Promise<void> {
    const choice = await this.closeDialog.ask(contactName(session.contact));
    if (choice === undefined) return;
    await this.act('Could not close the session', (code) =>
      api.close(code, session.sessionId, choice.reason),
    );
  }

  private reply(sessionId: string, text: string): Promise<boolean> {
    return this.act('Could not send the message', (code) => api.reply(code, sessionId, text));
  }

  private async typing(sessionId: string): Promise<void> {
    const code = this.agentCode;
    if (code === undefined) return;
    try {
      await api.typing(code, sessionId);
    } catch {
      // A lost typing notice is harmless; the reply itself reports its errors.
    }
  }

  /**
   * Runs an agent action, shows the API's message in a toast when it fails, and fetches the desk
   * again either way. Resolves whether it succeeded.
   */
  private async act(failure: string, action: (code: string) => Promise<unknown>): Promise<boolean> {
    const code = this.agentCode;
    if (code === undefined) return false;
    try {
      await action(code);
      return true;
    } catch (error) {
      this.toasts.error(failure, messageOf(error));
      return false;
    } finally {
      await this.refresh();
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

const root = document.getElementById('app');
if (root) void new ConsoleApp(root).start();
