import type { Address, Cell, Message } from "@ton/core";
import { buildTransactionCell, incomingMessage, returnMessage, TRANSACTION_FEES } from "./transaction-cell.js";
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

function messageData(body: TransferBody, cell: Cell): Pick<ToncenterMessage, "msg_data" | "message"> {
  if (body.kind === "text") {
    const text = Buffer.from(body.text, "utf8").toString("base64");
    return { msg_data: { "@type": "msg.dataText", text }, message: body.text };
  }
  if (body.kind === "encrypted") {
    const text = Buffer.from(body.bytes).toString("base64");
    return { msg_data: { "@type": "msg.dataEncryptedText", text }, message: text };
  }
  const boc = cell.toBoc().toString("base64");
  return { msg_data: { "@type": "msg.dataRaw", body: boc, init_state: "" }, message: boc };
}

function message(msg: Message, cell: Cell, body: TransferBody): ToncenterMessage {
  const { info } = msg;
  const internal = info.type === "internal";
  return {
    "@type": "raw.message",
    hash: cell.hash().toString("base64"),
    source: internal ? friendly(info.src) : "",
    destination: info.type === "external-out" ? "" : friendly(info.dest),
    value: internal ? info.value.coins.toString() : "0",
    extra_currencies: [],
    fwd_fee: internal ? info.forwardFee.toString() : "0",
    ihr_fee: "0",
    created_lt: internal ? info.createdLt.toString() : "0",
    body_hash: msg.body.hash().toString("base64"),
    ...messageData(body, msg.body),
  };
}

/**
 * The transaction as toncenter v2 serves it. `data` is the BOC of the rebuilt transaction cell,
 * the only field @ton/ton decodes; the rest follows toncenter's shape so other clients work too.
 * `in_msg` is always present: `null` there makes TonClient fail with "Malformed response".
 */
export function toncenterTransaction(tx: ChainTransaction): ToncenterTransaction {
  const cell = buildTransactionCell(tx);
  // The transaction cell's first reference holds the message cells: ^in_msg, then the out dictionary.
  const messages = cell.refs[0]!;
  const inCell = messages.refs[0]!;
  const inMsg = incomingMessage(tx);
  const out = returnMessage(tx);
  const outDict = messages.refs[1];
  const outMsgs = out && outDict ? [message(out, outDict.refs[0]!, { kind: "none" })] : [];
  return {
    "@type": "raw.transaction",
    address: { "@type": "accountAddress", account_address: friendly(tx.spec.to) },
    utime: tx.spec.utime,
    data: cell.toBoc().toString("base64"),
    transaction_id: {
      "@type": "internal.transactionId",
      lt: tx.lt.toString(),
      hash: Buffer.from(tx.hashHex, "hex").toString("base64"),
    },
    fee: TRANSACTION_FEES.total.toString(),
    storage_fee: TRANSACTION_FEES.storage.toString(),
    other_fee: (TRANSACTION_FEES.total - TRANSACTION_FEES.storage).toString(),
    in_msg: message(inMsg, inCell, tx.spec.body),
    out_msgs: outMsgs,
  };
}
