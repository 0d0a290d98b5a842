// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";

/// @dev Transaction gas of one call as a wallet would pay it: 21,000 intrinsic + calldata
/// (EIP-2028: 16 per non-zero byte, 4 per zero byte) + execution, with the touched contracts cold.
library GasTx {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    function calldataGas(bytes memory data) internal pure returns (uint256 g) {
        for (uint256 i; i < data.length; ++i) {
            g += data[i] == 0 ? 4 : 16;
        }
    }

    /// @notice Calls `target` with `data` as `from`, cold, and returns the transaction gas.
    function measure(address from, address target, bytes memory data, address[] memory touched)
        internal
        returns (uint256)
    {
        for (uint256 i; i < touched.length; ++i) {
            vm.cool(touched[i]);
        }
        vm.prank(from, from);
        uint256 before = gasleft();
        (bool ok, bytes memory ret) = target.call(data);
        uint256 exec = before - gasleft();
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        return 21_000 + calldataGas(data) + exec;
    }
}
