/**
 * The mcc-1.0 description files (WSDL + imported XSD, WADL), checked against TVox's public MCC
 * documentation v1.0.1 as this test states it (field lists written out here, not read from the
 * simulator), against the rules of a Java-first CXF service, and against the wire schemas the
 * simulator writes its answers with.
 */
import { expect } from 'chai';
import * as soap from 'soap';
import { MCC_CONTRACT_FILES } from '@tvox-connector/simulator';
import { MCC_OPERATIONS, type MccOperation } from '../src/mcc/mcc-wire';
import { childElements, isElement, resolveQName } from './xml-walk';
import { ContractDocuments, NS } from './support/contract-documents';
import { describeJavaFirstWsdlRules } from './support/java-first-wsdl-rules';

const TNS = 'http://ws.mc.tvox.it/';
const docs = new ContractDocuments(MCC_CONTRACT_FILES);

/** A field as the XSD must declare it: its name, its type, whether it is required. */
type Field = readonly [name: string, type: string, required?: 'required'];

/**
 * Each operation's request and result, in order. FACT for startSession (TVox's MCC doc v1.0.1);
 * GUESS for closeSession and getSessionStatus.
 */
const OPERATIONS: Record<
  MccOperation,
  { request: readonly Field[]; resultType: string; result: readonly Field[] }
> = {
  startSession: {
    request: [
      ['channelId', 'xs:int', 'required'],
      ['serviceid', 'xs:string'],
      ['sessionId', 'xs:string'],
      ['data', 'xs:string'],
      ['description', 'xs:string'],
      ['contactId', 'xs:string'],
      ['contactValue', 'xs:string'],
    ],
    resultType: 'startSessionResult',
    result: [
      ['result', 'tns:commandResult'],
      ['sessionId', 'xs:string'],
      ['failReason', 'tns:startSessionFailReasonCode'],
      ['failReasonMessage', 'xs:string'],
      ['contactId', 'xs:string'],
      ['contactValue', 'xs:string'],
    ],
  },
  closeSession: {
    request: [
      ['sessionId', 'xs:string'],
      ['reason', 'xs:string'],
    ],
    resultType: 'closeSessionResult',
    result: [
      ['result', 'tns:commandResult'],
      ['failReason', 'xs:string'],
      ['failReasonMessage', 'xs:string'],
    ],
  },
  getSessionStatus: {
    request: [['sessionId', 'xs:string']],
    resultType: 'sessionStatusResult',
    result: [
      ['result', 'tns:commandResult'],
      ['status', 'tns:sessionStatus'],
      ['agent', 'xs:string'],
      ['failReason', 'xs:string'],
      ['failReasonMessage', 'xs:string'],
    ],
  },
};
const OPERATION_NAMES = Object.keys(OPERATIONS) as MccOperation[];

/** The fields of an XSD type as `[name, type as {ns}local, required?]`, to compare with a list. */
function declared(typeName: string): string[] {
  return docs.fieldsOf(typeName).map((field) => {
    const type = resolveQName(field, field.attrs.type ?? '');
    const required = field.attrs.minOccurs === '0' ? '' : ' required';
    return `${field.attrs.name} {${type?.namespace ?? ''}}${type?.local ?? ''}${required}`;
  });
}

function expected(fields: readonly Field[]): string[] {
  return fields.map(([name, type, required]) => {
    const [prefix, local] = type.split(':');
    return `${name} {${prefix === 'xs' ? NS.xs : TNS}}${local}${required ? ' required' : ''}`;
  });
}

describe('mcc-1.0 contract files', () => {
  describe('WSDL loaded by node soap', () => {
    let description: Record<string, Record<string, Record<string, { input?: unknown }>>> = {};

    before(async () => {
      const client = await soap.createClientAsync(MCC_CONTRACT_FILES.wsdl);
      description = client.describe() as typeof description;
    });

    it('describes MultiChannelConnectorService/MultiChannelConnectorPort with the three operations', () => {
      expect(Object.keys(description)).to.deep.equal(['MultiChannelConnectorService']);
      const port = description.MultiChannelConnectorService?.MultiChannelConnectorPort ?? {};
      expect(Object.keys(port)).to.have.members(OPERATION_NAMES);
    });

    it('resolves the imported schema: startSession takes the documented parameters', () => {
      const input =
        description.MultiChannelConnectorService?.MultiChannelConnectorPort?.startSession?.input;
      expect(input).to.deep.include({
        channelId: 'xs:int',
        serviceid: 'xs:string',
        sessionId: 'xs:string',
        data: 'xs:string',
        description: 'xs:string',
        contactId: 'xs:string',
        contactValue: 'xs:string',
      });
    });
  });

  describeJavaFirstWsdlRules(docs);

  describe('WSDL and XSD of mcc-1.0', () => {
    it('uses the namespace http://ws.mc.tvox.it/ and says elementFormDefault="unqualified"', () => {
      expect(docs.tns).to.equal(TNS);
      expect(docs.xsd.attrs.elementFormDefault).to.equal('unqualified');
    });

    it('serves the port at /mc/cxf/soap through the MultiChannelConnector binding', () => {
      expect(docs.serviceLayout()).to.deep.equal([
        {
          service: 'MultiChannelConnectorService',
          ports: [
            {
              port: 'MultiChannelConnectorPort',
              binding: 'tns:MultiChannelConnectorServiceSoapBinding',
              location: 'http://localhost:8080/mc/cxf/soap',
            },
          ],
        },
      ]);
      expect(docs.wsdlChildren('portType').map((p) => p.attrs.name)).to.deep.equal([
        'MultiChannelConnector',
      ]);
    });

    it('has no message or event operations: routing only', () => {
      const operations = docs.boundOperations().map(({ operation }) => operation.attrs.name);
      expect(operations).to.have.members(OPERATION_NAMES);
    });

    for (const operation of OPERATION_NAMES) {
      const { request, resultType, result } = OPERATIONS[operation];

      it(`${operation}: the request wrapper holds ${request.map(([n]) => n).join(', ')}; the int required, strings optional`, () => {
        expect(declared(docs.wrapperTypeName(operation))).to.deep.equal(expected(request));
      });

      it(`${operation}: the answer is nested in <return> of type ${resultType}, every field optional`, () => {
        expect(docs.returnTypeName(operation)).to.equal(resultType);
        expect(declared(resultType)).to.deep.equal(expected(result));
      });

      it(`${operation}: the simulator's wire schemas have the XSD's fields in its order`, () => {
        const { input, output } = MCC_OPERATIONS[operation];
        expect(Object.keys(input.shape)).to.deep.equal(request.map(([name]) => name));
        expect(Object.keys(output.shape)).to.deep.equal(result.map(([name]) => name));
      });
    }

    it('enumerates the documented enums as lower-camel simpleTypes (UNKNOW spelled so)', () => {
      expect(docs.enumerationValues('commandResult')).to.deep.equal(['SUCCESS', 'FAILED']);
      expect(docs.enumerationValues('sessionStatus')).to.deep.equal([
        'NEW',
        'QUEUED',
        'BOOKED',
        'ASSIGNED',
        'CLOSED',
        'UNKNOW',
      ]);
      expect(docs.enumerationValues('startSessionFailReasonCode')).to.deep.equal([
        'GENERIC',
        'INVALID_CHANNEL_ID',
        'NO_LICENSE',
        'UNKNOWN_CHANNEL_ID',
      ]);
    });
  });

  describe('WADL', () => {
    it('is based at /mc/cxf/rest/json with one class-level resource "/"', () => {
      expect(isElement(docs.wadl, NS.wadl, 'application')).to.be.true;
      const resources = childElements(docs.wadl, NS.wadl, 'resources');
      expect(resources.map((r) => r.attrs.base)).to.deep.equal([
        'http://localhost:8080/mc/cxf/rest/json',
      ]);
      const top = childElements(resources[0]!, NS.wadl, 'resource');
      expect(top.map((r) => r.attrs.path)).to.deep.equal(['/']);
      const children = childElements(top[0]!, NS.wadl, 'resource').map((r) => r.attrs.path);
      expect(children, 'child paths, without a leading slash').to.deep.equal(OPERATION_NAMES);
    });

    for (const operation of OPERATION_NAMES) {
      it(`maps ${operation} to GET /${operation} with its parameters in the query, answering JSON`, () => {
        const found = docs.wadlMethods().filter((method) => method.id === operation);
        expect(found).to.have.lengthOf(1);
        const method = found[0]!;
        expect(method).to.deep.include({ verb: 'GET', path: `/${operation}` });
        expect(method.query).to.deep.equal(
          Object.fromEntries(OPERATIONS[operation].request.map(([name, type]) => [name, type])),
        );
        expect({ request: method.requestMedia, response: method.responseMedia }).to.deep.equal({
          request: [],
          response: ['application/json'],
        });
      });
    }

    it('names no operation but the three', () => {
      expect(docs.wadlMethods().map((method) => method.id)).to.have.members(OPERATION_NAMES);
    });
  });
});
