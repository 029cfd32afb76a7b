import type { AdapterFixtures } from '@tvox-connector/testkit';
import {
  SIGNATURE_HEADER,
  twilioSignature,
  type TwilioSettingsInput,
} from '@tvox-connector/adapter-twilio';

/*
 * Webhooks shaped as Twilio's Programmable Messaging docs show them: form-encoded, the
 * parameters of an incoming message and of a status callback.
 */

export const ACCOUNT_SID = 'AC' + '0123456789abcdef'.repeat(2);
export const AUTH_TOKEN = 'fedcba9876543210'.repeat(2);
export const CHANNEL_NUMBER = '+14155550100';
export const CUSTOMER_NUMBER = '+393331234567';
/**
 * The URL entered in the Twilio console. The tests' server listens elsewhere (loopback, any
 * port), as a connector behind a proxy does: the signature must be checked against this one.
 */
export const PUBLIC_URL = 'https://connector.example.com/webhooks/twilio';
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** A message SID numbered `n`. */
export const messageSid = (n: number, prefix = 'SM') =>
  `${prefix}${n.toString(16).padStart(32, '0')}`;

/** A form-encoded body of `params`, in their order. */
export function form(params: Readonly<Record<string, string>>): string {
  return new URLSearchParams(Object.entries(params)).toString();
}

/** The parameters of an incoming SMS from the customer. */
export function incoming(n: number, body: string, extra: Record<string, string> = {}) {
  return {
    ToCountry: 'US',
    SmsMessageSid: messageSid(n),
    NumMedia: '0',
    SmsSid: messageSid(n),
    SmsStatus: 'received',
    Body: body,
    To: CHANNEL_NUMBER,
    NumSegments: '1',
    MessageSid: messageSid(n),
    AccountSid: ACCOUNT_SID,
    From: CUSTOMER_NUMBER,
    ApiVersion: '2010-04-01',
    ...extra,
  };
}

/** The parameters of a status callback of a message the agent sent. */
export function statusCallback(sid: string, status: string, extra: Record<string, string> = {}) {
  return {
    SmsSid: sid,
    SmsStatus: status,
    MessageStatus: status,
    To: CUSTOMER_NUMBER,
    MessageSid: sid,
    AccountSid: ACCOUNT_SID,
    From: CHANNEL_NUMBER,
    ApiVersion: '2010-04-01',
    ...extra,
  };
}

/** Headers Twilio sends `body` with, signed over `url`. */
export function signed(body: Buffer | string, url = PUBLIC_URL, token = AUTH_TOKEN) {
  const fields = [...new URLSearchParams(body.toString())];
  return { ...FORM, [SIGNATURE_HEADER]: twilioSignature(token, url, fields) };
}

export function settings(
  apiRoot: string,
  extra: Partial<TwilioSettingsInput> = {},
): TwilioSettingsInput {
  return {
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    sender: { from: CHANNEL_NUMBER },
    apiRoot,
    publicUrl: PUBLIC_URL,
    ...extra,
  };
}

export const TWILIO_FIXTURES: AdapterFixtures = {
  conversationId: CUSTOMER_NUMBER,
  textMessage: ({ id, text }) => form(incoming(id, text)),
  unsupported: [
    {
      title: 'an MMS without text',
      body: form(
        incoming(90, '', {
          NumMedia: '1',
          MediaUrl0: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/x/Media/y`,
          MediaContentType0: 'image/jpeg',
        }),
      ),
    },
    { title: 'a "sent" status callback', body: form(statusCallback(messageSid(91), 'sent')) },
  ],
  malformed: [
    form({ AccountSid: ACCOUNT_SID, From: CUSTOMER_NUMBER, To: CHANNEL_NUMBER, Body: 'no sid' }),
    form({ MessageSid: messageSid(1), AccountSid: ACCOUNT_SID, Body: 'no numbers' }),
    'Body=%ZZ',
  ],
  authenticate: (body) => signed(body),
  forge: (body) => signed(body, PUBLIC_URL, '0'.repeat(32)),
  sendTime: 'receipt',
};
