import {
  startFakeNetwork,
  type ConformanceNetwork,
  type Delivered,
  type FakeCall,
  type FakeNetwork,
  type FakeReply,
  type NetworkFault,
  type QueuedFault,
} from '@tvox-connector/testkit';
import { basicAuthorization } from '@tvox-connector/core';

/** A message the fake created, with the form parameters it was created from. */
export interface CreatedMessage {
  readonly sid: string;
  readonly params: URLSearchParams;
}

/** Twilio's error document (`code`, `message`, `more_info`, `status`). */
const twilioError = (status: number, code: number, message: string): FakeReply => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});

function faultReply(fault: NetworkFault): FakeReply {
  switch (fault.kind) {
    case 'rate-limited':
      return {
        ...twilioError(429, 20429, 'Too Many Requests'),
        headers: { 'retry-after': String(fault.retryAfterSeconds) },
      };
    case 'server-error':
      return twilioError(fault.status, 20500, 'An internal server error has occurred');
    case 'refused':
      return twilioError(400, 21610, 'Attempt to send to unsubscribed recipient');
  }
}

const MAX_BODY = 1600;

/**
 * Twilio's Messages API faked on loopback: `POST /2010-04-01/Accounts/{sid}/Messages.json` with
 * form parameters and HTTP Basic (Account SID, Auth Token), answered 201 with the message
 * resource as JSON; errors as Twilio's error document; a `Body` over 1,600 characters refused
 * with code 21617; `From` or `MessagingServiceSid` required.
 */
export class FakeMessagesApi implements ConformanceNetwork {
  readonly created: CreatedMessage[] = [];
  private network!: FakeNetwork;
  private next = 1;

  private constructor(
    private readonly accountSid: string,
    private readonly authToken: string,
  ) {}

  static async start(accountSid: string, authToken: string): Promise<FakeMessagesApi> {
    const fake = new FakeMessagesApi(accountSid, authToken);
    fake.network = await startFakeNetwork({
      routes: [
        {
          method: 'POST',
          path: /^\/2010-04-01\/Accounts\/(?<account>[^/]+)\/Messages\.json$/,
          reply: (call, params) => fake.create(call, params.account ?? ''),
        },
      ],
      fault: faultReply,
      notFound: () => twilioError(404, 20404, 'The requested resource was not found'),
    });
    return fake;
  }

  get apiRoot(): string {
    return this.network.url;
  }

  get calls(): readonly FakeCall[] {
    return this.network.calls;
  }

  failNext(...faults: QueuedFault[]): void {
    this.network.failNext(...faults);
  }

  delivered(to: string): Delivered[] {
    return this.created.flatMap(({ params }): Delivered[] => {
      if (params.get('To') !== to) return [];
      const body = params.get('Body') ?? undefined;
      const media = params.getAll('MediaUrl');
      if (media.length === 0) return [{ kind: 'text', text: body ?? '', quickReplies: [] }];
      return media.map((url, i) => ({
        kind: 'file',
        url,
        ...(i === 0 && body !== undefined ? { caption: body } : {}),
        quickReplies: [],
      }));
    });
  }

  close(): Promise<void> {
    return this.network.close();
  }

  private create(call: FakeCall, account: string): FakeReply {
    if (call.headers.authorization !== basicAuthorization(this.accountSid, this.authToken)) {
      return twilioError(401, 20003, 'Authenticate');
    }
    if (account !== this.accountSid)
      return twilioError(404, 20404, 'The requested resource was not found');
    const params = new URLSearchParams(call.body.toString('utf8'));
    if (!params.has('To')) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!params.has('From') && !params.has('MessagingServiceSid')) {
      return twilioError(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required");
    }
    const body = params.get('Body');
    if (body === null && params.getAll('MediaUrl').length === 0) {
      return twilioError(400, 21602, 'Message body is required.');
    }
    if (body !== null && body.length > MAX_BODY) {
      return twilioError(
        400,
        21617,
        'The concatenated message body exceeds the 1600 character limit.',
      );
    }
    const sid = `${params.has('MediaUrl') ? 'MM' : 'SM'}${(this.next++).toString(16).padStart(32, '0')}`;
    this.created.push({ sid, params });
    return {
      status: 201,
      body: {
        sid,
        account_sid: this.accountSid,
        to: params.get('To'),
        from: params.get('From'),
        messaging_service_sid: params.get('MessagingServiceSid'),
        body,
        status: 'queued',
        num_media: String(params.getAll('MediaUrl').length),
        api_version: '2010-04-01',
        uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${sid}.json`,
      },
    };
  }
}
