import type { Address, CommonMessageInfo } from "@ton/core";
import { serializeBoc } from "./boc.js";
import {
  buildTransactionCell,
  incomingMessage,
  incomingMessageInfo,
  returnMessage,
  TRANSACTION_FEES,
} from "./transaction-cell.js";
import { transactionTree } from "./transaction-tree.js";
import type { ChainTransaction, TransferBody } from "./types.js";

/** A message as toncenter v2 serves it inside a transaction (`raw.message`). */
export interface ToncenterMessage {
  "@type": "raw.message";
  hash: string;
  source: string;
  destination: string;
  value: string;
  extra_currencies: never[];
  fwd_fee: string;
  ihr_fee: string;
  created_lt: string;
  body_hash: string;
  msg_data:
    | { "@type": "msg.dataText"; text: string }
    | { "@type": "msg.dataEncryptedText"; text: string }
    | { "@type": "msg.dataRaw"; body: string; init_state: string };
  message: string;
}

/** One item of toncenter v2 `getTransactions` (`raw.transaction`). */
export interface ToncenterTransaction {
  "@type": "raw.transaction";
  address: { "@type": "accountAddress"; account_address: string };
  utime: number;
  data: string;
  transaction_id: { "@type": "internal.transactionId"; lt: string; hash: string };
  fee: string;
  storage_fee: string;
  other_fee: string;
  in_msg: ToncenterMessage;
  out_msgs: ToncenterMessage[];
}

const friendly = (a: Address): string => a.toString({ bounceable: true, urlSafe: true });

/** What a `raw.message` says, from either the fast cell tree or @ton/core's cells. */
interface MessageFacts {
  info: CommonMessageInfo;
  hash: Buffer;
  bodyHash: Buffer;
  body: TransferBody;
  bodyBoc: () => Buffer;
}

function messageData(f: MessageFacts): Pick<ToncenterMessage, "msg_data" | "message"> {
  const { body } = f;
  if (body.kind === "text") {
    const text = Buffer.from(body.text, "utf8").toString("base64");
    return { msg_data: { "@type": "msg.dataText", text }, message: body.text };
  }
  if (body.kind === "encrypted") {
    const text = Buffer.from(body.bytes).toString("base64");
    return { msg_data: { "@type": "msg.dataEncryptedText", text }, message: text };
  }
  const boc = f.bodyBoc().toString("base64");
  return { msg_data: { "@type": "msg.dataRaw", body: boc, init_state: "" }, message: boc };
}

function message(f: MessageFacts): ToncenterMessage {
  const { info } = f;
  const internal = info.type === "internal";
  return {
    "@type": "raw.message",
    hash: f.hash.toString("base64"),
    source: internal ? friendly(info.src) : "",
    destination: info.type === "external-out" ? "" : friendly(info.dest),
    value: internal ? info.value.coins.toString() : "0",
    extra_currencies: [],
    fwd_fee: internal ? info.forwardFee.toString() : "0",
    ihr_fee: "0",
    created_lt: internal ? info.createdLt.toString() : "0",
    body_hash: f.bodyHash.toString("base64"),
    ...messageData(f),
  };
}

function cellsOf(tx: ChainTransaction): { data: Buffer; inMsg: ToncenterMessage; outMsgs: ToncenterMessage[] } {
  const tree = transactionTree(tx);
  if (tree) {
    return {
      data: serializeBoc(tree.root),
      inMsg: message({
        info: incomingMessageInfo(tx),
        hash: tree.inMessage.hash,
        bodyHash: tree.inBody.hash,
        body: tx.spec.body,
        bodyBoc: () => serializeBoc(tree.inBody),
      }),
      outMsgs: [],
    };
  }
  const cell = buildTransactionCell(tx);
  // The transaction cell's first reference holds the message cells: ^in_msg, then the out dictionary.
  const messages = cell.refs[0]!;
  const inMsg = incomingMessage(tx);
  const out = returnMessage(tx);
  const outCell = messages.refs[1]?.refs[0];
  return {
    data: cell.toBoc(),
    inMsg: message({
      info: inMsg.info,
      hash: messages.refs[0]!.hash(),
      bodyHash: inMsg.body.hash(),
      body: tx.spec.body,
      bodyBoc: () => inMsg.body.toBoc(),
    }),
    outMsgs:
      out && outCell
        ? [
            message({
              info: out.info,
              hash: outCell.hash(),
              bodyHash: out.body.hash(),
              body: { kind: "none" },
              bodyBoc: () => out.body.toBoc(),
            }),
          ]
        : [],
  };
}

/**
 * The transaction as toncenter v2 serves it. `data` is the BOC of the rebuilt transaction cell,
 * the only field @ton/ton decodes; the rest follows toncenter's shape so other clients work too.
 * `in_msg` is always present: `null` there makes TonClient fail with "Malformed response".
 */
export function toncenterTransaction(tx: ChainTransaction): ToncenterTransaction {
  const { data, inMsg, outMsgs } = cellsOf(tx);
  return {
    "@type": "raw.transaction",
    address: { "@type": "accountAddress", account_address: friendly(tx.spec.to) },
    utime: tx.spec.utime,
    data: data.toString("base64"),
    transaction_id: {
      "@type": "internal.transactionId",
      lt: tx.lt.toString(),
      hash: Buffer.from(tx.hashHex, "hex").toString("base64"),
    },
    fee: TRANSACTION_FEES.total.toString(),
    storage_fee: TRANSACTION_FEES.storage.toString(),
    other_fee: (TRANSACTION_FEES.total - TRANSACTION_FEES.storage).toString(),
    in_msg: inMsg,
    out_msgs: outMsgs,
  };
}
