import { createContext } from 'react';

/** The routing expression the server refused, where it is in the form and where it broke. */
export interface ExpressionError {
  name: (string | number)[];
  expression: string;
  position: number | null;
}

export const ExpressionErrorContext = createContext<ExpressionError | null>(null);
