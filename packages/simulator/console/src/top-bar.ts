import type { Connection } from './changes.js';
import { fill, h } from './dom.js';
import { hueOf, initials } from './format.js';
import type { Agent } from './types.js';

export interface TopBarHandlers {
  readonly onPresence: (presence: 'available' | 'away') => void;
  readonly onLogout: () => void;
}

const CONNECTION_LABELS: Record<Connection, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Offline',
};

/** Product name, connection state, the agent, their presence switch, and Log out. */
export class TopBar {
  private readonly connection = h('span', {
    class: 'connection',
    testid: 'connection',
    attrs: { role: 'status' },
  });
  private readonly avatar = h('span', {
    class: 'avatar avatar--small',
    attrs: { 'aria-hidden': 'true' },
  });
  private readonly agentName = h('span', { class: 'agent__name', testid: 'agent-name' });
  private readonly agentCode = h('span', { class: 'agent__code', testid: 'agent-code' });
  private readonly load = h('span', { class: 'agent__load', testid: 'agent-load' });
  private readonly available = this.presenceButton('available', 'Available');
  private readonly away = this.presenceButton('away', 'Away');

  readonly element: HTMLElement;

  constructor(private readonly handlers: TopBarHandlers) {
    this.element = h(
      'header',
      { class: 'topbar', testid: 'topbar' },
      h(
        'div',
        { class: 'topbar__brand' },
        h('span', { class: 'brand-mark', attrs: { 'aria-hidden': 'true' } }, 'TV'),
        h('span', { class: 'topbar__product' }, 'TVox agent console'),
      ),
      this.connection,
      h('div', { class: 'topbar__spacer' }),
      h(
        'div',
        { class: 'agent', testid: 'topbar-agent' },
        this.avatar,
        h(
          'div',
          { class: 'agent__text' },
          this.agentName,
          h('span', { class: 'agent__meta' }, this.agentCode, this.load),
        ),
      ),
      h(
        'div',
        { class: 'presence', attrs: { role: 'group', 'aria-label': 'Presence' } },
        this.available,
        this.away,
      ),
      h(
        'button',
        {
          class: 'button button--ghost-inverse',
          testid: 'logout',
          attrs: { type: 'button' },
          on: {
            click: () => {
              handlers.onLogout();
            },
          },
        },
        'Log out',
      ),
    );
    this.setConnection('connecting');
  }

  update(agent: Agent): void {
    fill(this.avatar, initials(agent.name));
    this.avatar.style.setProperty('--hue', String(hueOf(agent.code)));
    fill(this.agentName, agent.name);
    fill(this.agentCode, agent.code);
    fill(this.load, `${agent.activeSessions}/${agent.capacity} chats`);
    this.load.title = `${agent.activeSessions} of ${agent.capacity} sessions in hand`;
    this.element.dataset.presence = agent.presence;
    for (const [button, presence] of [
      [this.available, 'available'],
      [this.away, 'away'],
    ] as const) {
      button.setAttribute('aria-pressed', String(agent.presence === presence));
    }
  }

  setConnection(connection: Connection): void {
    this.connection.dataset.state = connection;
    fill(this.connection, CONNECTION_LABELS[connection]);
    this.connection.title =
      connection === 'live'
        ? 'Receiving live updates from the simulator'
        : 'Live updates are interrupted; retrying';
  }

  private presenceButton(presence: 'available' | 'away', label: string): HTMLButtonElement {
    return h(
      'button',
      {
        class: `presence__option presence__option--${presence}`,
        testid: `presence-${presence}`,
        attrs: { type: 'button', 'aria-pressed': 'false' },
        on: {
          click: () => {
            this.handlers.onPresence(presence);
          },
        },
      },
      h('span', { class: 'presence__dot', attrs: { 'aria-hidden': 'true' } }),
      label,
    );
  }
}
